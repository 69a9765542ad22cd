import type { EventEnvelope } from './envelope';
import type { WireRecord } from './wire-record';

/**
 * What the consumer pipeline decodes a record with. EnvelopeCodec is one (the value is the plain
 * Avro body); with a schema registry the value is in the Confluent wire format and decoding may
 * have to ask the registry for the writer's schema, so it may answer with a promise. Throws
 * UndeliverableEventError for what no retry can fix; anything else is retried.
 */
export interface RecordDecoder {
  decode(record: WireRecord): EventEnvelope | Promise<EventEnvelope>;
}
