import type { Transaction } from '@platform/database';

/**
 * Records (consumer group, eventId) for a set of records inside their transaction, in one
 * statement, and answers which event ids are new: the records to handle. One atomic
 * INSERT ... ON CONFLICT DO NOTHING, never read-then-insert: a concurrent duplicate waits for the
 * first transaction and then sees the conflict, so exactly one of them runs the handler.
 */
export async function recordAllInInbox(
  tx: Transaction,
  schema: string,
  group: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  const inserted: Array<{ event_id: string }> = await tx.manager.query(
    `INSERT INTO ${schema}.inbox (consumer_group, event_id)
     SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
    [group, eventIds],
  );
  return new Set(inserted.map((row) => row.event_id));
}

/** recordAllInInbox for one record: true when it is new */
export async function recordInInbox(tx: Transaction, schema: string, group: string, eventId: string): Promise<boolean> {
  return (await recordAllInInbox(tx, schema, group, [eventId])).size === 1;
}
