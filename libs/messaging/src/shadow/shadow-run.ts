/** a query on one database: the rows it returns (pg's Client and a TypeORM DataSource both fit) */
export type SqlQuery = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** one partition's committed offset of the live group when the shadow was made */
export interface PartitionOffset {
  /** the catalogue's topic (without KAFKA_TOPIC_PREFIX) */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * The row `migrate shadow` writes into `<context>.shadow_run` of the shadow's database, in the
 * copy's own transaction (ADR 0021): when, from which live state, and where the shadow's own
 * outbox starts. The comparator and the cut-over read it.
 */
export interface ShadowRun {
  readonly context: string;
  readonly startedAt: Date;
  /** the live server's clock, read inside the copy's snapshot: inbox rows after it are not in the copy */
  readonly liveSnapshotAt: Date;
  readonly liveGroup: string;
  readonly shadowGroup: string;
  readonly liveOffsets: readonly PartitionOffset[];
  /** the highest outbox id in the copy: the shadow's own rows come after it */
  readonly outboxHighWater: string;
}

/** created by `migrate shadow` only, in the copy's transaction: no context's process needs it */
export function createShadowRunTableSql(context: string): string[] {
  return [
    `DROP TABLE IF EXISTS ${context}.shadow_run`,
    `CREATE TABLE ${context}.shadow_run (
       one boolean PRIMARY KEY DEFAULT true CHECK (one),
       started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
       live_snapshot_at timestamptz NOT NULL,
       live_group text NOT NULL,
       shadow_group text NOT NULL,
       live_offsets jsonb NOT NULL,
       outbox_high_water bigint NOT NULL
     )`,
  ];
}

export async function writeShadowRun(query: SqlQuery, run: Omit<ShadowRun, 'startedAt'>): Promise<void> {
  await query(
    `INSERT INTO ${run.context}.shadow_run (live_snapshot_at, live_group, shadow_group, live_offsets, outbox_high_water)
     VALUES ($1, $2, $3, $4, $5)`,
    [run.liveSnapshotAt, run.liveGroup, run.shadowGroup, JSON.stringify(run.liveOffsets), run.outboxHighWater],
  );
}

/** the shadow run recorded in this database, or undefined when it holds none (not a shadow's copy) */
export async function readShadowRun(query: SqlQuery, context: string): Promise<ShadowRun | undefined> {
  const [exists] = await query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`${context}.shadow_run`]);
  if (!exists?.present) return undefined;
  const [row] = await query(
    `SELECT started_at, live_snapshot_at, live_group, shadow_group, live_offsets, outbox_high_water::text AS hwm
       FROM ${context}.shadow_run`,
  );
  if (!row) return undefined;
  return {
    context,
    startedAt: new Date(row.started_at as string | Date),
    liveSnapshotAt: new Date(row.live_snapshot_at as string | Date),
    liveGroup: row.live_group as string,
    shadowGroup: row.shadow_group as string,
    liveOffsets: row.live_offsets as PartitionOffset[],
    outboxHighWater: row.hwm as string,
  };
}
