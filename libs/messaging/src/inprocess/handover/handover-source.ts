import type { DataSource } from 'typeorm';
import type { ReceivedRecord } from '../../pipeline/received-record';
import { receivedRecordOf, type LogRow } from '../inprocess-log';
import type { CommittedOffset, LogPartitionRange, TopicSubscription } from './handover-plan';

/** What a hand-over reads from the in-process log: its ranges, committed offsets, subscriptions and records. */
export class HandoverSource {
  constructor(
    private readonly db: DataSource,
    private readonly schema: string,
  ) {}

  async ranges(): Promise<LogPartitionRange[]> {
    const rows: Array<{ topic: string; partition: number; oldest: string | null; next_offset: string }> =
      await this.db.query(
        `SELECT h.topic, h.partition, h.next_offset,
                (SELECT min(l."offset") FROM ${this.schema}.log l WHERE l.topic = h.topic AND l.partition = h.partition) AS oldest
           FROM ${this.schema}.partition_heads h ORDER BY h.topic, h.partition`,
      );
    return rows.map((r) => ({
      topic: r.topic,
      partition: r.partition,
      oldest: BigInt(r.oldest ?? r.next_offset),
      next: BigInt(r.next_offset),
    }));
  }

  async committed(): Promise<CommittedOffset[]> {
    const rows: Array<{ group_id: string; topic: string; partition: number; committed_offset: string }> =
      await this.db.query(`SELECT group_id, topic, partition, committed_offset FROM ${this.schema}.group_offsets`);
    return rows.map((r) => ({
      group: r.group_id,
      topic: r.topic,
      partition: r.partition,
      next: BigInt(r.committed_offset),
    }));
  }

  /** groups recorded by the in-process transport at start, plus any group that committed on a topic */
  async subscriptions(): Promise<TopicSubscription[]> {
    const rows: Array<{ group_id: string; topic: string }> = await this.db.query(
      `SELECT group_id, topic FROM ${this.schema}.subscriptions
        UNION SELECT group_id, topic FROM ${this.schema}.group_offsets ORDER BY 1, 2`,
    );
    return rows.map((r) => ({ group: r.group_id, topic: r.topic }));
  }

  /** whether the in-process transport ever recorded its subscriptions here */
  async knowsSubscriptions(): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM ${this.schema}.subscriptions LIMIT 1`);
    return rows.length > 0;
  }

  async read(topic: string, partition: number, from: bigint, to: bigint, limit: number): Promise<ReceivedRecord[]> {
    const rows: LogRow[] = await this.db.query(
      `SELECT "offset", msg_key, headers, value FROM ${this.schema}.log
          WHERE topic = $1 AND partition = $2 AND "offset" >= $3 AND "offset" < $4 ORDER BY "offset" LIMIT $5`,
      [topic, partition, from.toString(), to.toString(), limit],
    );
    return rows.map((row) => receivedRecordOf(topic, partition, row));
  }

  /**
   * Other sessions that have the in-process log open: every process on the in-process transport
   * keeps a pool named `order-platform:messaging` (its consumers poll it). The caller's own
   * connection is excluded, so it must run on one connection.
   */
  async otherLogSessions(): Promise<Array<{ pid: number; client: string; since?: Date }>> {
    // another role's session shows its application_name, not its address or start (null without pg_read_all_stats)
    const rows: Array<{ pid: number; client: string | null; backend_start: Date | null }> = await this.db.query(
      `SELECT pid, client_addr::text AS client, backend_start FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'order-platform:messaging' AND pid <> pg_backend_pid()`,
    );
    return rows.map((r) => ({
      pid: r.pid,
      client: r.client ?? 'a local socket or another role',
      since: r.backend_start ?? undefined,
    }));
  }
}
