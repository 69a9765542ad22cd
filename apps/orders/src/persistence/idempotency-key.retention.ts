import type { RetentionJob } from '@platform/messaging';

/**
 * Deletes idempotency keys older than their retention (by idempotency_keys_by_age). A key is free
 * again from that age on anyway (IdempotencyKeyRepository.claim); this only bounds the table.
 */
export function idempotencyKeyRetention(retentionMs: number): RetentionJob {
  return { table: 'idempotency_keys', retentionMs, agedBy: 'created_at' };
}
