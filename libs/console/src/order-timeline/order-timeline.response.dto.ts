import { ApiProperty } from '@nestjs/swagger';

export class TimelineHopResponse {
  @ApiProperty({ example: 'payments', description: 'the consumer group (one per context) that handled the event' })
  group!: string;

  @ApiProperty({ format: 'date-time', description: "when the group took the event in (its inbox row's time)" })
  handledAt!: string;

  @ApiProperty({
    type: 'integer',
    example: 14,
    description: 'handledAt minus producedAt (ms): relay and queue included',
  })
  hopMs!: number;
}

export class TimelineEventResponse {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({
    example: 'orders.order-placed',
    description: "the envelope's type (a dead letter: the failed event's)",
  })
  type!: string;

  @ApiProperty({ example: 'orders.order-placed.v1', description: 'the topic, `<context>.dlq` for a dead letter' })
  topic!: string;

  @ApiProperty({ example: 'orders', description: 'the context whose outbox holds the event' })
  producer!: string;

  @ApiProperty({ format: 'date-time', description: 'when the producing transaction wrote the event' })
  producedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the relay published it' })
  publishedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'its W3C trace id; null with tracing off' })
  traceId!: string | null;

  @ApiProperty({ type: [TimelineHopResponse], description: 'each group that handled it, oldest first' })
  handledBy!: TimelineHopResponse[];
}

export class HandledEventResponse {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'shipping' })
  group!: string;

  @ApiProperty({ format: 'date-time' })
  handledAt!: string;
}

export class UnreachablePeerResponse {
  @ApiProperty({ example: 'http://payments:3000' })
  peer!: string;

  @ApiProperty({ example: 'The platform did not answer (connect ECONNREFUSED)' })
  error!: string;
}

export class OrderTimelineResponse {
  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ type: [TimelineEventResponse], description: 'every event keyed by the order, oldest first' })
  events!: TimelineEventResponse[];

  @ApiProperty({
    type: [HandledEventResponse],
    description: 'scope=local only: how the groups of this process handled the events named in eventIds',
  })
  handled!: HandledEventResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: "the order's trace (its oldest traced event's); null with tracing off",
  })
  traceId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the trace in the trace viewer (CONSOLE_TRACE_URL); null when unset',
  })
  traceUrl!: string | null;

  @ApiProperty({
    type: [UnreachablePeerResponse],
    description: 'CONSOLE_PEERS that did not answer: their part is missing',
  })
  unreachablePeers!: UnreachablePeerResponse[];
}
