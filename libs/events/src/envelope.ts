/**
 * The event envelope: one shape on every transport (DESIGN.md, "Events").
 * Messages are plain readonly data; metadata travels explicitly so consumers and CLIs have it too.
 */
export interface EventMetadata {
  /** id of the original request; flows through every hop and every log line */
  readonly correlationId: string;
  /** the eventId this one was caused by (absent for events caused by a request) */
  readonly causationId?: string;
  /** W3C trace context */
  readonly traceparent?: string;
}

export interface EventEnvelope<P = unknown> extends EventMetadata {
  /** UUID v7, time-ordered: the deduplication key */
  readonly eventId: string;
  readonly type: string;
  readonly version: number;
  /** partition key: the aggregate id */
  readonly key: string;
  /** ISO-8601 */
  readonly occurredAt: string;
  /** the context that wrote it */
  readonly producer: string;
  readonly payload: P;
}
