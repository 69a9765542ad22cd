import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  DeadLetterDetailsResponse,
  DeadLetterPageResponse,
  DiscardBatchResponse,
  RedriveBatchResponse,
} from '@platform/dead-letters';

export class UnreachablePeerResponse {
  @ApiProperty({ example: 'http://shipping:3000' })
  peer!: string;

  @ApiProperty({ example: 'cannot reach http://shipping:3000: connect ECONNREFUSED' })
  error!: string;
}

const UNREACHABLE: ApiPropertyOptions = {
  type: [UnreachablePeerResponse],
  description: 'peers (CONSOLE_PEERS) that did not answer: their letters are missing from this answer',
};

export class ConsoleDeadLetterPageResponse extends DeadLetterPageResponse {
  @ApiProperty(UNREACHABLE)
  unreachable!: UnreachablePeerResponse[];
}

export class ConsoleDeadLetterCountResponse {
  @ApiProperty({ type: 'integer', example: 7, description: 'letters that match, in every process that answered' })
  count!: number;

  @ApiProperty(UNREACHABLE)
  unreachable!: UnreachablePeerResponse[];
}

export class ConsoleRedriveBatchResponse extends RedriveBatchResponse {
  @ApiProperty(UNREACHABLE)
  unreachable!: UnreachablePeerResponse[];
}

export class ConsoleDiscardBatchResponse extends DiscardBatchResponse {
  @ApiProperty(UNREACHABLE)
  unreachable!: UnreachablePeerResponse[];
}

export class ConsoleDeadLetterDetailsResponse extends DeadLetterDetailsResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: {
      eventId: '0192f5a4-7c1f-7000-8000-0000000000a1',
      type: 'orders.order-confirmed',
      version: 1,
      key: '0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e',
      payload: { orderId: '0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e' },
    },
    description: 'the event envelope decoded from the headers and value, with its payload; null when it cannot be',
  })
  decoded!: Record<string, unknown> | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: null,
    description: 'why the value could not be decoded',
  })
  decodeError!: string | null;
}
