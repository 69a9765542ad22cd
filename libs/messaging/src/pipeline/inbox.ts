import type { Transaction } from '@platform/database';

/**
 * Records (consumer group, eventId) inside the handler's transaction. One atomic INSERT ... ON
 * CONFLICT DO NOTHING, never read-then-insert: a concurrent duplicate waits for the first
 * transaction and then sees the conflict, so exactly one of them runs the handler.
 */
export async function recordInInbox(tx: Transaction, schema: string, group: string, eventId: string): Promise<boolean> {
  const inserted: unknown[] = await tx.manager.query(
    `INSERT INTO ${schema}.inbox (consumer_group, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
    [group, eventId],
  );
  return inserted.length === 1;
}
