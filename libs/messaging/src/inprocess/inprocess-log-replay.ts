import type { DataSource } from 'typeorm';
import type { Environment } from '@platform/config';
import { openContextDataSource, resolveDatabaseTarget } from '@platform/database';
import type { ReceivedRecord } from '../pipeline/received-record';
import type { EventReplay, ReplayOptions, ReplayPartition, ReplaySummary } from '../replay/event-replay';

/** One partition's retained records to replay: offsets first..last (inclusive), as they stood when counted. */
interface PartitionRange {
  readonly topic: string;
  readonly partition: number;
  readonly first: bigint;
  readonly last: bigint;
  readonly count: number;
}

/**
 * The replay port over the in-process transport's durable log (`<schema>.log`, docs/adr/0005),
 * read directly: a replay is not a consumer, so it has no group, commits no offset, and leaves
 * every group's committed offsets exactly as they were. No transaction is held while reading:
 * on the embedded PGlite that would deadlock (docs/adr/0003).
 */
export class InProcessLogReplay implements EventReplay {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    /** records read, and handed on as one batch, at a time */
    private readonly pageSize = 500,
  ) {}

  /** on a connection of its own to the log's database, for a CLI; `close` releases it */
  static async open(
    schema: string,
    env: Environment,
  ): Promise<{ replay: InProcessLogReplay; close: () => Promise<void> }> {
    const target = await resolveDatabaseTarget(schema, env);
    const dataSource = await openContextDataSource(target, { context: schema, poolSize: 1 });
    return {
      replay: new InProcessLogReplay(dataSource, schema),
      close: async () => {
        await dataSource.destroy();
        await target.release();
      },
    };
  }

  async run(options: ReplayOptions): Promise<ReplaySummary> {
    if (options.from) throw new Error('the in-process log replays all it retains: --from needs TRANSPORT=kafka');
    const started = Date.now();
    await options.beforeRead();
    // counted after beforeRead: what a live consumer applied before the read model was emptied is replayed
    const ranges = await this.ranges(options.topics);
    const total = ranges.reduce((sum, r) => sum + r.count, 0);
    let read = 0;
    const report = (): void => options.onProgress?.({ done: read, total, elapsedMs: Date.now() - started });
    report();
    for (const range of ranges) {
      for await (const page of this.pages(range)) {
        await options.onRecords(page);
        read += page.length;
        report();
      }
    }
    const partitions: ReplayPartition[] = ranges.map((r) => ({
      topic: r.topic,
      partition: r.partition,
      start: r.first,
      end: r.last + 1n,
    }));
    return { partitions, total, read, elapsedMs: Date.now() - started };
  }

  /**
   * What is retained now, per partition, in the given topics' order. A partition's offsets become
   * visible strictly in order, so [first, last] has no holes that could fill in later.
   */
  private async ranges(topics: readonly string[]): Promise<PartitionRange[]> {
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
  private async *pages(range: PartitionRange): AsyncGenerator<ReceivedRecord[]> {
    let next = range.first;
    while (next <= range.last) {
      const rows: Array<{ offset: string; msg_key: string; headers: Record<string, string>; value: Buffer }> =
        await this.dataSource.query(
          `SELECT "offset", msg_key, headers, value FROM ${this.schema}.log
            WHERE topic = $1 AND partition = $2 AND "offset" >= $3 AND "offset" <= $4
            ORDER BY "offset" LIMIT $5`,
          [range.topic, range.partition, next.toString(), range.last.toString(), this.pageSize],
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
