import { performance } from 'node:perf_hooks';
import type { DataSource, QueryRunner } from 'typeorm';
import type { WireRecord } from '@platform/events';
import type { OutboxRelay, RecordPublisher } from '@platform/outbox';

/**
 * Measures where a relay drain spends its time without touching library code: every query of a
 * data source is timed and bucketed by its SQL, the publisher is wrapped, and the relay's own
 * `drainOnce` is replaced on the instance by a timed call of the original.
 */
export interface Bucket {
  ms: number;
  calls: number;
}

export class QueryProfile {
  readonly buckets = new Map<string, Bucket>();
  /** every timed call in order, to see how a query's cost changes over a run */
  calls: Array<{ readonly name: string; readonly ms: number }> = [];
  recording = false;

  constructor(private readonly classify: (sql: string) => string) {}

  attach(dataSource: DataSource): void {
    const create = dataSource.createQueryRunner.bind(dataSource);
    dataSource.createQueryRunner = (mode) => this.wrap(create(mode));
  }

  reset(): void {
    this.buckets.clear();
    this.calls = [];
  }

  total(): number {
    return [...this.buckets.values()].reduce((sum, b) => sum + b.ms, 0);
  }

  get(name: string): Bucket {
    return this.buckets.get(name) ?? { ms: 0, calls: 0 };
  }

  private wrap(runner: QueryRunner): QueryRunner {
    const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
    const timed = async (sql: string, ...rest: unknown[]): Promise<unknown> => {
      if (!this.recording) return query(sql, ...rest);
      const started = performance.now();
      try {
        return await query(sql, ...rest);
      } finally {
        this.add(this.classify(sql), performance.now() - started);
      }
    };
    return Object.assign(runner, { query: timed });
  }

  private add(name: string, ms: number): void {
    const bucket = this.buckets.get(name) ?? { ms: 0, calls: 0 };
    bucket.ms += ms;
    bucket.calls += 1;
    this.buckets.set(name, bucket);
    this.calls.push({ name, ms });
  }
}

/** buckets of the relay's SQL (libs/outbox/src/outbox-relay.ts) */
export function classifyRelaySql(sql: string): string {
  if (sql.includes('pg_try_advisory_xact_lock')) return 'lock lanes';
  if (sql.includes('pg_snapshot_xmin')) return 'select pending';
  if (sql.includes('SET published_at')) return 'mark published';
  if (sql === 'START TRANSACTION' || sql === 'COMMIT') return 'begin+commit';
  return 'other';
}

/** buckets of the in-process log's SQL (libs/messaging/src/inprocess/inprocess-log.ts) */
export function classifyLogSql(sql: string): string {
  if (sql.includes('partition_heads AS h')) return 'offsets (partition_heads)';
  if (sql.includes('.log (topic')) return 'insert log rows';
  if (sql === 'START TRANSACTION' || sql === 'COMMIT') return 'begin+commit';
  if (sql.includes('FROM messaging.log')) return 'consumer read';
  return 'other';
}

/** The relay's publisher, timed and counted. */
export class TimedPublisher implements RecordPublisher {
  published = 0;
  ms = 0;
  calls = 0;

  constructor(private readonly inner: RecordPublisher) {}

  async publish(records: readonly WireRecord[]): Promise<void> {
    const started = performance.now();
    await this.inner.publish(records);
    this.ms += performance.now() - started;
    this.calls += 1;
    this.published += records.length;
  }

  reset(): void {
    this.published = 0;
    this.ms = 0;
    this.calls = 0;
  }
}

type DrainResult = Awaited<ReturnType<OutboxRelay['drainOnce']>>;

export interface DrainSample {
  readonly at: number;
  readonly ms: number;
  readonly published: number;
  readonly blocked: boolean;
}

/** Times every drain of a relay (the relay's loop calls `this.drainOnce()`, so the instance property wins). */
export class DrainRecorder {
  samples: DrainSample[] = [];
  private listener?: (sample: DrainSample) => void;

  constructor(relay: OutboxRelay) {
    const drain = relay.drainOnce.bind(relay);
    relay.drainOnce = async (): Promise<DrainResult> => {
      const started = performance.now();
      const result = await drain();
      const sample = {
        at: performance.now(),
        ms: performance.now() - started,
        published: result.published,
        blocked: result.blocked,
      };
      this.samples.push(sample);
      this.listener?.(sample);
      return result;
    };
  }

  onDrain(listener: ((sample: DrainSample) => void) | undefined): void {
    this.listener = listener;
  }

  reset(): void {
    this.samples = [];
  }
}
