import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ContextFlow, FlowSource, FlowView, GroupFlow, OutboxFlow, SagaStepFlow, ShadowFlow } from './flow-view';

export class PartitionLagResponse {
  @ApiProperty({ example: 'orders.order-placed.v1' })
  topic!: string;

  @ApiProperty({ type: 'integer', example: 3 })
  partition!: number;

  @ApiProperty({ type: 'integer', example: 12, description: 'records on it the group has not processed yet' })
  lag!: number;
}

export class GroupFlowResponse implements GroupFlow {
  @ApiProperty({ example: 'payments' })
  group!: string;

  @ApiProperty({ type: [String], example: ['monolith'], description: 'the deployables it runs in' })
  services!: string[];

  @ApiProperty({ type: 'integer', example: 12, description: 'the sum of its partitions’ lag' })
  lag!: number;

  @ApiProperty({ type: [PartitionLagResponse], description: 'every partition it has committed on' })
  partitions!: PartitionLagResponse[];

  @ApiProperty({ type: 'integer', description: 'events it finished with since its processes started' })
  consumedTotal!: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 2490,
    description: 'since the previous reading at least 1 s old; null until there is one',
  })
  consumedPerMinute!: number | null;

  @ApiProperty({ type: 'integer', description: 'handler attempts that threw since its processes started' })
  failuresTotal!: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 0 })
  failuresPerMinute!: number | null;

  @ApiProperty({ type: 'integer', example: 0, description: 'dead letters waiting for an operator' })
  deadLettersPending!: number;

  @ApiProperty({ type: [String], example: [], description: 'what it is paused on (database, broker); empty if none' })
  waitingOn!: string[];
}

export class OutboxFlowResponse implements OutboxFlow {
  @ApiProperty({ type: 'integer', example: 0, description: 'rows not yet published' })
  backlog!: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'age of the oldest unpublished row, in ms' })
  oldestPendingAgeMs!: number;

  @ApiProperty({ type: 'integer' })
  publishedTotal!: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 2400 })
  publishedPerMinute!: number | null;
}

export class ContextFlowResponse implements ContextFlow {
  @ApiProperty({ example: 'payments' })
  context!: string;

  @ApiProperty({ type: OutboxFlowResponse, nullable: true, description: 'null if no process shown relays it' })
  outbox!: OutboxFlowResponse | null;

  @ApiProperty({ type: [GroupFlowResponse] })
  groups!: GroupFlowResponse[];
}

export class SagaStepResponse implements SagaStepFlow {
  @ApiProperty({ example: 'order' })
  saga!: string;

  @ApiProperty({ example: 'awaiting_payment' })
  state!: string;

  @ApiProperty({ type: 'integer', example: 3 })
  count!: number;

  @ApiProperty({
    type: 'integer',
    example: 1500,
    description: 'ms since the least recently moved saga here took its last step',
  })
  oldestStepAgeMs!: number;

  @ApiPropertyOptional({ example: '0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e', description: 'that saga’s order' })
  oldestId?: string;
}

export class ShadowFlowResponse implements ShadowFlow {
  @ApiProperty({ example: 'loyalty' })
  context!: string;

  @ApiProperty({ example: 'loyalty-shadow' })
  service!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { identical: 120, different: 0 },
    description: 'shadow_comparison_results by result',
  })
  results!: Record<string, number>;

  @ApiProperty({ type: 'integer', nullable: true, description: 'inputs the shadow has not processed yet' })
  lagRecords!: number | null;
}

export class FlowSourceResponse implements FlowSource {
  @ApiProperty({ example: 'this process', description: '"this process", or a peer’s URL (CONSOLE_PEERS)' })
  source!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'monolith' })
  service!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: null, description: 'why a peer gave no part' })
  error!: string | null;
}

export class FlowResponse implements FlowView {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: [FlowSourceResponse] })
  sources!: FlowSourceResponse[];

  @ApiProperty({ type: [ContextFlowResponse] })
  contexts!: ContextFlowResponse[];

  @ApiProperty({ type: [SagaStepResponse] })
  sagas!: SagaStepResponse[];

  @ApiProperty({ type: [ShadowFlowResponse], description: 'empty unless a shadow process is shown' })
  shadows!: ShadowFlowResponse[];
}
