import type { RetentionJob } from './retention-job';

/**
 * The inbox remembers `(consumer group, eventId)` for `retentionMs` after the event was handled
 * (inbox_processed_at answers it). An event delivered again after that is handled again: the
 * retention must exceed the longest window in which the transport can redeliver (docs/adr/0014).
 */
export function inboxRetention(retentionMs: number): RetentionJob {
  return { table: 'inbox', retentionMs, agedBy: 'processed_at' };
}
