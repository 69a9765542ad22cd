import type { AvroCodec } from '../avro-codec';
import type { EnvelopeCodec } from '../envelope-codec';
import type { EventEnvelope } from '../envelope';
import type { RecordDecoder } from '../record-decoder';
import type { WireRecord } from '../wire-record';
import { unframeValue } from './confluent-wire-format';
import type { SchemaRegistryClient } from './schema-registry-client';

/**
 * Decodes records whose value is in the Confluent wire format: the headers first (as on every
 * transport), then the frame, then the writer's schema by its id (from the registry, cached),
 * and the body read with that schema resolved to the catalogue's schema for the headers' type
 * and version, so a producer that added a field with a default is still read. Permanent: no
 * frame, an id the registry does not know, a writer schema that cannot be resolved, a body that
 * does not decode. Transient: the registry unavailable (SchemaRegistryUnavailableError).
 */
export class RegistryRecordDecoder implements RecordDecoder {
  constructor(
    private readonly codec: EnvelopeCodec,
    private readonly avro: AvroCodec,
    private readonly registry: SchemaRegistryClient,
  ) {}

  async decode(record: WireRecord): Promise<EventEnvelope> {
    const { contract, envelope } = this.codec.decodeHeaders(record);
    const { schemaId, body } = unframeValue(record.value, record.topic);
    const writer = await this.registry.writerSchema(schemaId, record.topic);
    return { ...envelope, payload: this.avro.decodeWritten(contract, writer, body, `schema id ${schemaId}`) };
  }
}
