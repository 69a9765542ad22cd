import { UndeliverableEventError } from '../event-errors';

/**
 * The Confluent wire format of a record value: magic byte 0x00, the schema's registry id as a
 * 4-byte big-endian integer, then the Avro body written with that schema. Any Confluent-
 * compatible client reads and writes it. Done here rather than with the registry library's
 * helpers: its decoder reads past the end of a value shorter than 5 bytes instead of refusing it.
 */
export const MAGIC_BYTE = 0;
export const FRAME_HEADER_BYTES = 5;

export interface FramedValue {
  readonly schemaId: number;
  readonly body: Buffer;
}

export function frameValue(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

/** the schema id and Avro body of a framed value; refuses anything else, naming the topic and why */
export function unframeValue(value: Buffer, topic: string): FramedValue {
  if (value.length === 0 || value[0] !== MAGIC_BYTE) {
    const seen = value.length === 0 ? 'the value is empty' : `it starts with 0x${hex(value[0])}`;
    throw notFramed(topic, `no magic byte 0x00: ${seen}`);
  }
  if (value.length < FRAME_HEADER_BYTES) {
    throw notFramed(topic, `${value.length} byte(s), shorter than the ${FRAME_HEADER_BYTES}-byte header`);
  }
  return { schemaId: value.readInt32BE(1), body: value.subarray(FRAME_HEADER_BYTES) };
}

function notFramed(topic: string, why: string): UndeliverableEventError {
  return new UndeliverableEventError(
    'EVENT.NOT_WIRE_FORMAT',
    `${topic}: the value is not in the Confluent wire format (0x00, 4-byte schema id, Avro body): ${why}`,
  );
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
