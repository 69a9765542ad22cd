import type { Client } from 'pg';
import { isUuid } from '@platform/domain';
import type { PartitionOffset } from '@platform/messaging';

/**
 * The shadow's own outbox rows (above the copy's high water, unpublished) split by their cause
 * (ADR 0023): an input the live context processed too had its outputs published by the live
 * relay, so the shadow's equivalents are suppressed; the rest are the outputs of records the
 * shadow processed ahead of the live one, released to the new deployment's relay.
 */
export interface OutboxSplit {
  /** outbox ids to mark published */
  readonly suppress: readonly string[];
  readonly released: number;
  /** released rows without a causation-id header (nothing to pair them with) */
  readonly uncaused: number;
}

/** what `shadow_run.promotion` records, beside `promoted_at` */
export interface PromotionRecord {
  readonly liveOffsets: readonly PartitionOffset[];
  readonly shadowOffsets: readonly PartitionOffset[];
  readonly suppressed: number;
  readonly released: number;
  /** recorded gateway calls caused by inputs the live never processed: made by nobody */
  readonly gatewayCallsNotMade: number;
  readonly forced: boolean;
}

export interface Promoted {
  readonly at: Date;
  readonly record: PromotionRecord;
}

export async function splitShadowOutbox(
  live: Client,
  shadow: Client,
  context: string,
  outboxHighWater: string,
): Promise<OutboxSplit> {
  const { rows } = await shadow.query<{ id: string; cause: string | null }>(
    `SELECT id::text AS id, headers->>'causation-id' AS cause FROM ${context}.outbox
      WHERE id > $1::bigint AND published_at IS NULL ORDER BY id`,
    [outboxHighWater],
  );
  const causes = [...new Set(rows.flatMap((r) => (isUuid(r.cause) ? [r.cause.toLowerCase()] : [])))];
  const processedByLive = new Set(
    (
      await live.query<{ id: string }>(
        `SELECT event_id::text AS id FROM ${context}.inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])`,
        [context, causes],
      )
    ).rows.map((r) => r.id),
  );
  const suppress = rows.filter((r) => r.cause && processedByLive.has(r.cause.toLowerCase())).map((r) => r.id);
  return {
    suppress,
    released: rows.length - suppress.length,
    uncaused: rows.filter((r) => !r.cause).length,
  };
}

/** recorded gateway calls of the shadow whose cause the live context never processed, counted per gateway and operation */
export async function gatewayCallsNotMade(live: Client, shadow: Client, context: string): Promise<Map<string, number>> {
  const table = `${context}.shadow_gateway_calls`;
  const [exists] = (await shadow.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]))
    .rows;
  const notMade = new Map<string, number>();
  if (!exists.present) return notMade;
  const { rows } = await shadow.query<{ call: string; cause: string | null }>(
    `SELECT gateway || ' ' || operation AS call, cause_event_id::text AS cause FROM ${table}`,
  );
  const causes = [...new Set(rows.flatMap((r) => (r.cause ? [r.cause] : [])))];
  const processedByLive = new Set(
    (
      await live.query<{ id: string }>(
        `SELECT event_id::text AS id FROM ${context}.inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])`,
        [context, causes],
      )
    ).rows.map((r) => r.id),
  );
  // a call without a cause was not made by the live context for any input either
  for (const r of rows.filter((row) => !row.cause || !processedByLive.has(row.cause)))
    notMade.set(r.call, (notMade.get(r.call) ?? 0) + 1);
  return notMade;
}

/** rows the live relay had not published when the live context stopped */
export async function livePendingOutbox(live: Client, context: string): Promise<number> {
  const { rows } = await live.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${context}.outbox WHERE published_at IS NULL`,
  );
  return rows[0].n;
}

/** when the live context last processed a record of its group (its inbox), by the live server's clock */
export async function liveLastProcessed(live: Client, context: string): Promise<Date | undefined> {
  const { rows } = await live.query<{ at: Date | null }>(
    `SELECT max(processed_at) AS at FROM ${context}.inbox WHERE consumer_group = $1`,
    [context],
  );
  return rows[0].at ?? undefined;
}

/** milliseconds from `since` to now, by the same server's clock */
export async function msSince(client: Client, since: Date): Promise<number> {
  const { rows } = await client.query<{ ms: number }>(
    `SELECT (extract(epoch FROM clock_timestamp() - $1::timestamptz) * 1000)::float8 AS ms`,
    [since],
  );
  return rows[0].ms;
}

/** the earlier cut-over of this shadow run, if any (the columns exist only after one) */
export async function readPromotion(shadow: Client, context: string): Promise<Promoted | undefined> {
  const { rows } = await shadow.query<{ at: string | null; record: PromotionRecord | null }>(
    `SELECT to_jsonb(r)->>'promoted_at' AS at, to_jsonb(r)->'promotion' AS record FROM ${context}.shadow_run r`,
  );
  const row = rows[0];
  return row?.at && row.record ? { at: new Date(row.at), record: row.record } : undefined;
}

/**
 * One transaction on the shadow database: suppresses the rows of `split`, and marks the shadow
 * run promoted. Refuses (throws) if the rows or the run changed since they were read: a shadow
 * or another cut-over running after all.
 */
export async function promote(
  shadow: Client,
  context: string,
  split: OutboxSplit,
  record: PromotionRecord,
): Promise<Date> {
  await shadow.query('BEGIN');
  try {
    await shadow.query(
      `ALTER TABLE ${context}.shadow_run ADD COLUMN IF NOT EXISTS promoted_at timestamptz,
                                         ADD COLUMN IF NOT EXISTS promotion jsonb`,
    );
    const run = await shadow.query(`SELECT 1 FROM ${context}.shadow_run WHERE promoted_at IS NULL FOR UPDATE`);
    if (run.rowCount !== 1) throw new Error('the shadow run was promoted meanwhile, by another cut-over');
    const suppressed = await shadow.query(
      `UPDATE ${context}.outbox SET published_at = clock_timestamp() WHERE id = ANY($1::bigint[]) AND published_at IS NULL`,
      [split.suppress],
    );
    if (suppressed.rowCount !== split.suppress.length)
      throw new Error(`the shadow's outbox changed meanwhile (${suppressed.rowCount} of ${split.suppress.length})`);
    const { rows } = await shadow.query<{ at: Date }>(
      `UPDATE ${context}.shadow_run SET promoted_at = clock_timestamp(), promotion = $1 RETURNING promoted_at AS at`,
      [JSON.stringify(record)],
    );
    await shadow.query('COMMIT');
    return rows[0].at;
  } catch (error) {
    await shadow.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
