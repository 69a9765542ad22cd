/**
 * What every transport carries: the envelope fields as string headers, the partition key,
 * and the Avro-encoded payload as bytes. On Kafka this maps 1:1 onto a record.
 */
export interface WireRecord {
  readonly topic: string;
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly value: Buffer;
}

/** Header names, stable on every transport (documented in docs/events.md). */
export const HEADER = {
  eventId: 'event-id',
  type: 'event-type',
  version: 'event-version',
  occurredAt: 'occurred-at',
  producer: 'producer',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  traceparent: 'traceparent',
  contentType: 'content-type',
} as const;

export const AVRO_BINARY = 'application/avro';
