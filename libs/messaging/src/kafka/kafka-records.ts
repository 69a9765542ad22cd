import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { WireRecord } from '@platform/events';
import type { ReceivedRecord } from '../pipeline/received-record';

/**
 * WireRecord <-> Kafka record: the envelope's key is the record key (so the default, Java-
 * compatible partitioner puts one aggregate's events in one partition, as any other client
 * would), the envelope fields are string headers, the Avro bytes are the value.
 */
export function toKafkaMessage(record: WireRecord): Message {
  return { key: record.key, value: record.value, headers: { ...record.headers } };
}

/**
 * A consumed record as the pipeline takes it, under the catalogue's topic name (without the
 * environment's prefix), so decoding checks it against the contract like on every transport.
 * Headers that are not single strings come through as what they decode to; the pipeline
 * dead-letters a record whose required headers are missing.
 */
export function fromKafkaMessage(topic: string, partition: number, message: KafkaMessage): ReceivedRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    headers: headersOf(message.headers),
    value: message.value ?? Buffer.alloc(0),
  };
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    // a repeated header: the last value wins, as with Kafka's Headers.lastHeader
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) result[name] = last.toString();
  }
  return result;
}
