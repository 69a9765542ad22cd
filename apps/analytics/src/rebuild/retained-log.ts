import type { DataSource } from 'typeorm';
import type { ReceivedRecord } from '@platform/messaging';

/** One partition's retained records to replay: offsets first..last (inclusive), as they stood when counted. */
export interface PartitionRange {
  readonly topic: string;
  readonly partition: number;
  readonly first: bigint;
  readonly last: bigint;
  readonly count: number;
}

/**
 * Reads the in-process transport's durable log (`<schema>.log`, docs/adr/0005) directly: the
 * rebuild is not a consumer, so it has no group, commits no offset, and leaves every group's
 * committed offsets exactly as they were.
 */
export class RetainedLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  /**
   * What is retained now, per partition, in the given topics' order. A partition's offsets become
   * visible strictly in order, so [first, last] has no holes that could fill in later.
   */
  async ranges(topics: readonly string[]): Promise<PartitionRange[]> {
    const rows: Array<{ topic: string; partition: number; first: string; last: string; count: string }> =
      await this.dataSource.query(
        `SELECT topic, partition, min("offset") AS first, max("offset") AS last, count(*) AS count
           FROM ${this.schema}.log WHERE topic = ANY($1::text[])
          GROUP BY topic, partition ORDER BY array_position($1::text[], topic), partition`,
        [topics],
      );
    return rows.map((r) => ({
      topic: r.topic,
      partition: r.partition,
      first: BigInt(r.first),
      last: BigInt(r.last),
      count: Number(r.count),
    }));
  }

  /** the range's records in offset order, a page at a time (retention may have deleted some meanwhile) */
  async *pages(range: PartitionRange, pageSize: number): AsyncGenerator<ReceivedRecord[]> {
    let next = range.first;
    while (next <= range.last) {
      const rows: Array<{ offset: string; msg_key: string; headers: Record<string, string>; value: Buffer }> =
        await this.dataSource.query(
          `SELECT "offset", msg_key, headers, value FROM ${this.schema}.log
            WHERE topic = $1 AND partition = $2 AND "offset" >= $3 AND "offset" <= $4
            ORDER BY "offset" LIMIT $5`,
          [range.topic, range.partition, next.toString(), range.last.toString(), pageSize],
        );
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        topic: range.topic,
        partition: range.partition,
        offset: r.offset,
        key: r.msg_key,
        headers: r.headers,
        value: r.value,
      }));
      next = BigInt(rows[rows.length - 1].offset) + 1n;
    }
  }
}
