import type { AvroCodec } from './avro-codec';
import type { EventCatalogue } from './event-catalogue';
import type { EventContract } from './event-contract';
import type { EventEnvelope } from './envelope';
import { UndeliverableEventError } from './event-errors';
import { AVRO_BINARY, HEADER, type WireRecord } from './wire-record';

/** A record's checked headers, and the contract its payload must be decoded with. */
export interface DecodedHeaders {
  readonly contract: EventContract;
  readonly envelope: Omit<EventEnvelope, 'payload'>;
}

/**
 * Envelope <-> wire record. The envelope's metadata becomes string headers, the payload
 * becomes Avro bytes, the key becomes the record key. Decoding validates every header a
 * consumer relies on, so a record missing one is dead-lettered with that reason.
 */
export class EnvelopeCodec {
  constructor(
    private readonly catalogue: EventCatalogue,
    private readonly avro: AvroCodec,
  ) {}

  encode(envelope: EventEnvelope): WireRecord {
    const contract = this.catalogue.forType(envelope.type, envelope.version);
    const headers: Record<string, string> = {
      [HEADER.eventId]: envelope.eventId,
      [HEADER.type]: envelope.type,
      [HEADER.version]: String(envelope.version),
      [HEADER.occurredAt]: envelope.occurredAt,
      [HEADER.producer]: envelope.producer,
      [HEADER.correlationId]: envelope.correlationId,
      [HEADER.contentType]: AVRO_BINARY,
    };
    if (envelope.causationId) headers[HEADER.causationId] = envelope.causationId;
    if (envelope.traceparent) headers[HEADER.traceparent] = envelope.traceparent;
    return { topic: contract.topic, key: envelope.key, headers, value: this.avro.encode(contract, envelope.payload) };
  }

  decode(record: WireRecord): EventEnvelope {
    const { contract, envelope } = this.decodeHeaders(record);
    return { ...envelope, payload: this.avro.decode(contract, record.value) };
  }

  /**
   * Everything but the payload, checked: the headers, and the contract the payload must match.
   * A decoder whose value is not the plain Avro body (the Confluent wire format) starts here.
   */
  decodeHeaders(record: WireRecord): DecodedHeaders {
    const h = record.headers;
    const type = required(h, HEADER.type);
    const version = Number(required(h, HEADER.version));
    if (!Number.isInteger(version) || version < 1) {
      throw new UndeliverableEventError('EVENT.BAD_HEADER', `header ${HEADER.version} is not a positive integer`);
    }
    const contract = this.contractOf(type, version);
    if (contract.topic !== record.topic) {
      throw new UndeliverableEventError('EVENT.WRONG_TOPIC', `${type} v${version} does not belong on ${record.topic}`);
    }
    const envelope = {
      eventId: required(h, HEADER.eventId),
      type,
      version,
      key: record.key,
      occurredAt: required(h, HEADER.occurredAt),
      producer: required(h, HEADER.producer),
      correlationId: required(h, HEADER.correlationId),
      causationId: h[HEADER.causationId] || undefined,
      traceparent: h[HEADER.traceparent] || undefined,
    };
    return { contract, envelope };
  }

  /** the contract for the headers' type and version; an unknown one is named precisely for the dead letters */
  private contractOf(type: string, version: number): EventContract {
    const known = this.catalogue.all().filter((contract) => contract.type === type);
    const contract = known.find((candidate) => candidate.version === version);
    if (contract) return contract;
    if (known.length === 0) {
      throw new UndeliverableEventError(
        'EVENT.UNKNOWN_TYPE',
        `event type "${type}" is not in this consumer's catalogue`,
      );
    }
    const versions = known.map((c) => `v${c.version}`).join(', ');
    throw new UndeliverableEventError(
      'EVENT.UNKNOWN_VERSION',
      `${type} v${version} is unknown here (no contract for ${type}.v${version}); this consumer knows ${versions}`,
    );
  }
}

function required(headers: Readonly<Record<string, string>>, name: string): string {
  const value = headers[name];
  if (!value) throw new UndeliverableEventError('EVENT.MISSING_HEADER', `header "${name}" is missing`);
  return value;
}
