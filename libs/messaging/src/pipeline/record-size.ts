import type { Environment } from '@platform/config';
import { UndeliverableEventError } from '@platform/events';
import { CONSUMER_SETTINGS } from './consumer-settings';
import type { ReceivedRecord } from './received-record';

export interface ConsumerLimits {
  /** a record whose key, headers and value together exceed this is dead-lettered unread */
  readonly maxRecordBytes: number;
}

/** 1 MiB: Kafka's default message.max.bytes, so a record too big for a default broker is refused here too. */
export const DEFAULT_CONSUMER_LIMITS: ConsumerLimits = { maxRecordBytes: 1_048_576 };

export function consumerLimitsFromEnv(env: Environment): ConsumerLimits {
  return { maxRecordBytes: CONSUMER_SETTINGS.read(env).CONSUMER_MAX_RECORD_BYTES };
}

/** The bytes a record occupies on the wire: key, header names and values, and the value. */
export function recordSize(record: ReceivedRecord): number {
  let size = Buffer.byteLength(record.key ?? '') + record.value.length;
  for (const [name, value] of Object.entries(record.headers))
    size += Buffer.byteLength(name) + Buffer.byteLength(value);
  return size;
}

/**
 * Refuses an oversized record before decoding it: decoding a huge body costs memory and time on
 * every redelivery, and a producer that wrote it is broken in a way no retry fixes.
 */
export function checkRecordSize(record: ReceivedRecord, maxRecordBytes: number): void {
  const size = recordSize(record);
  if (size > maxRecordBytes) {
    throw new UndeliverableEventError(
      'EVENT.TOO_LARGE',
      `record is ${size} bytes, over the ${maxRecordBytes}-byte maximum (CONSUMER_MAX_RECORD_BYTES)`,
    );
  }
}
