import type { DataSource } from 'typeorm';
import { bucketOf, type WireRecord } from '@platform/events';
import type { ReceivedRecord } from '../pipeline/received-record';
import { InProcessLogReplay } from './inprocess-log-replay';

/** a row of `<schema>.log` as `SELECT "offset", msg_key, headers, value` returns it */
export interface LogRow {
  readonly offset: string;
  readonly msg_key: string;
  readonly headers: Record<string, string>;
  readonly value: Buffer;
}

/** a log row as the consumer pipeline receives it */
export function receivedRecordOf(topic: string, partition: number, row: LogRow): ReceivedRecord {
  return { topic, partition, offset: row.offset, key: row.msg_key, headers: row.headers, value: row.value };
}

/** what one append added to one partition, in offset order */
export interface AppendedRecords {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly ReceivedRecord[];
}

/**
 * Storage of the in-process transport (see InProcessLog migration). An append is one statement
 * per batch (its own transaction: no BEGIN and COMMIT round trips); offsets of a (topic,
 * partition) are allocated in sorted order so concurrent appenders cannot deadlock on
 * partition_heads.
 */
export class InProcessLog {
  constructor(
    /** the database holding the log */
    readonly dataSource: DataSource,
    private readonly schema: string,
    readonly partitions: number,
  ) {}

  /** the replay port over this log: what a read model is rebuilt from, without touching any group's offsets */
  replay(): InProcessLogReplay {
    return new InProcessLogReplay(this.dataSource, this.schema);
  }

  partitionOf(key: string): number {
    return bucketOf(key, this.partitions);
  }

  /**
   * Appends durably; returns the (topic, partition) pairs that received records, each with the
   * records as a read would return them, so that local consumers need not read them back.
   */
  async append(records: readonly WireRecord[]): Promise<AppendedRecords[]> {
    const groups = new Map<string, { topic: string; partition: number; records: WireRecord[] }>();
    for (const record of records) {
      const partition = this.partitionOf(record.key);
      const id = `${record.topic}\u0000${partition}`;
      const group = groups.get(id) ?? { topic: record.topic, partition, records: [] };
      group.records.push(record);
      groups.set(id, group);
    }
    const ordered = [...groups.values()].sort((a, b) =>
      a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
    );
    // one statement, so one implicit transaction: the heads' row locks (taken in sorted order) are held to its commit
    const placed = ordered.flatMap((g) =>
      g.records.map((r, i) => ({ ...r, partition: g.partition, back: g.records.length - i })),
    );
    const heads: Array<{ topic: string; partition: number; next_offset: string }> = await this.dataSource.query(
      `WITH heads AS (
         INSERT INTO ${this.schema}.partition_heads AS h (topic, partition, next_offset)
         SELECT t, p, n FROM unnest($1::text[], $2::int[], $3::bigint[]) WITH ORDINALITY AS x(t, p, n, o) ORDER BY o
         ON CONFLICT (topic, partition) DO UPDATE SET next_offset = h.next_offset + EXCLUDED.next_offset
         RETURNING topic, partition, next_offset
       ), appended AS (
         INSERT INTO ${this.schema}.log (topic, partition, "offset", msg_key, headers, value)
         SELECT r.t, r.p, heads.next_offset - r.back, r.k, r.h, r.v
           FROM unnest($4::text[], $5::int[], $6::bigint[], $7::text[], $8::jsonb[], $9::bytea[]) AS r(t, p, back, k, h, v)
           JOIN heads ON heads.topic = r.t AND heads.partition = r.p
       )
       SELECT topic, partition, next_offset FROM heads`,
      [
        ordered.map((g) => g.topic),
        ordered.map((g) => g.partition),
        ordered.map((g) => g.records.length),
        placed.map((r) => r.topic),
        placed.map((r) => r.partition),
        placed.map((r) => r.back),
        placed.map((r) => r.key),
        placed.map((r) => JSON.stringify(r.headers)),
        placed.map((r) => r.value),
      ],
    );
    const nextOffset = new Map(heads.map((h) => [`${h.topic}\u0000${h.partition}`, BigInt(h.next_offset)]));
    const appended = placed.map(({ back, ...r }) => ({
      ...r,
      offset: (nextOffset.get(`${r.topic}\u0000${r.partition}`)! - BigInt(back)).toString(),
    }));
    return ordered.map(({ topic, partition }) => ({
      topic,
      partition,
      records: appended
        .filter((r) => r.topic === topic && r.partition === partition)
        .map((r) => ({ topic, partition, offset: r.offset, key: r.key, headers: r.headers, value: r.value })),
    }));
  }

  async read(topic: string, partition: number, fromOffset: bigint, limit: number): Promise<ReceivedRecord[]> {
    const rows: LogRow[] = await this.dataSource.query(
      `SELECT "offset", msg_key, headers, value FROM ${this.schema}.log
        WHERE topic = $1 AND partition = $2 AND "offset" >= $3 ORDER BY "offset" LIMIT $4`,
      [topic, partition, fromOffset.toString(), limit],
    );
    return rows.map((row) => receivedRecordOf(topic, partition, row));
  }

  /** the next offset this group will read; a new group starts at the oldest retained record */
  async committed(group: string, topic: string, partition: number): Promise<bigint> {
    const rows: Array<{ committed_offset: string }> = await this.dataSource.query(
      `SELECT committed_offset FROM ${this.schema}.group_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3`,
      [group, topic, partition],
    );
    if (rows.length > 0) return BigInt(rows[0].committed_offset);
    const oldest: Array<{ min: string | null }> = await this.dataSource.query(
      `SELECT min("offset") AS min FROM ${this.schema}.log WHERE topic = $1 AND partition = $2`,
      [topic, partition],
    );
    return BigInt(oldest[0].min ?? 0);
  }

  /** commits several groups' offsets in one statement (rows in key order, so concurrent commits cannot deadlock) */
  async commitMany(
    offsets: ReadonlyArray<{ group: string; topic: string; partition: number; next: bigint }>,
  ): Promise<void> {
    const sorted = [...offsets].sort((a, b) =>
      a.group !== b.group
        ? a.group < b.group
          ? -1
          : 1
        : a.topic !== b.topic
          ? a.topic < b.topic
            ? -1
            : 1
          : a.partition - b.partition,
    );
    await this.dataSource.query(
      `INSERT INTO ${this.schema}.group_offsets (group_id, topic, partition, committed_offset)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[])
       ON CONFLICT (group_id, topic, partition)
       DO UPDATE SET committed_offset = EXCLUDED.committed_offset, committed_at = clock_timestamp()`,
      [
        sorted.map((o) => o.group),
        sorted.map((o) => o.topic),
        sorted.map((o) => o.partition),
        sorted.map((o) => o.next.toString()),
      ],
    );
  }

  /**
   * Records which group consumes which topic (upsert), so that a hand-over to Kafka knows the
   * groups that never committed an offset on a partition (they read it from its oldest record).
   */
  async recordSubscriptions(subscriptions: ReadonlyArray<{ group: string; topic: string }>): Promise<void> {
    if (subscriptions.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO ${this.schema}.subscriptions (group_id, topic)
       SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) ORDER BY 1, 2
       ON CONFLICT (group_id, topic) DO UPDATE SET seen_at = clock_timestamp()`,
      [subscriptions.map((s) => s.group), subscriptions.map((s) => s.topic)],
    );
  }

  /** records not yet consumed, per group and topic (for the consumer_lag gauge) */
  async lag(): Promise<Array<{ group: string; topic: string; lag: number }>> {
    const rows: Array<{ group_id: string; topic: string; lag: string }> = await this.dataSource.query(
      `SELECT o.group_id, o.topic, sum(GREATEST(h.next_offset - o.committed_offset, 0)) AS lag
         FROM ${this.schema}.group_offsets o
         JOIN ${this.schema}.partition_heads h ON h.topic = o.topic AND h.partition = o.partition
        GROUP BY o.group_id, o.topic`,
    );
    return rows.map((r) => ({ group: r.group_id, topic: r.topic, lag: Number(r.lag) }));
  }

  /** records not yet consumed, per group, topic and partition (for the operator console) */
  async partitionLag(): Promise<Array<{ group: string; topic: string; partition: number; lag: number }>> {
    const rows: Array<{ group_id: string; topic: string; partition: number; lag: string }> =
      await this.dataSource.query(
        `SELECT o.group_id, o.topic, o.partition, GREATEST(h.next_offset - o.committed_offset, 0) AS lag
         FROM ${this.schema}.group_offsets o
         JOIN ${this.schema}.partition_heads h ON h.topic = o.topic AND h.partition = o.partition
        ORDER BY 1, 2, 3`,
      );
    return rows.map((r) => ({ group: r.group_id, topic: r.topic, partition: Number(r.partition), lag: Number(r.lag) }));
  }

  /** deletes records older than the retention, Kafka-style: whether consumed or not */
  async deleteOlderThan(retentionMs: number): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM ${this.schema}.log WHERE appended_at < clock_timestamp() - ($1::bigint * interval '1 millisecond')`,
      [retentionMs],
    );
    return result[1];
  }
}
