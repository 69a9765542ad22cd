/**
 * The RecordDecoder of this process's transport, which the consumer pipeline (and a replay)
 * decodes with: the EnvelopeCodec (plain Avro values), or with TRANSPORT=kafka and
 * SCHEMA_REGISTRY_URL a decoder of the Confluent wire format (ADR 0013).
 */
export const RECORD_DECODER = Symbol('RECORD_DECODER');
