import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ConnectionWatch, isPassingConnectionLoss } from '@platform/database';
import { keyHash } from '@platform/events';
import type { PlatformMetrics } from '@platform/observability';
import type { OutboxRelayOptions } from './outbox-relay-options';
import { publishablePrefix, toWireRecord, type PendingRow } from './pending-rows';
import type { RecordPublisher } from './record-publisher';
import { Wakeup } from './wakeup';

interface DrainResult {
  readonly published: number;
  /** a full batch was read: more rows are probably waiting */
  readonly more: boolean;
  /** rows waited for an older transaction, or another relay held the lanes */
  readonly blocked: boolean;
}

const SELECT_PENDING = (schema: string, lanes: boolean) => `
  SELECT id, lane, topic, msg_key, headers, payload,
         tx < pg_snapshot_xmin(pg_current_snapshot()) AS safe
    FROM ${schema}.outbox
   WHERE published_at IS NULL ${lanes ? 'AND lane = ANY($2::int[])' : ''}
   ORDER BY id
   LIMIT $1`;

/**
 * Publishes a context's outbox rows through the transport, in id order per lane (so per key),
 * marks them published, and repeats; woken right after each local commit, by NOTIFY from other
 * processes on PostgreSQL, or by a slow fallback poll.
 *
 * On PostgreSQL several relays may run: each drain holds transaction-scoped advisory locks on
 * the lanes it works on, publishes while holding them and marks the rows in the same
 * transaction, so no two relays publish one lane at once. On PGlite exactly one relay runs and
 * holds no transaction while publishing (see OutboxRelayOptions.embedded).
 * A crash after publish and before the mark republishes the batch: consumers dedupe by eventId.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly wakeup = new Wakeup();
  private readonly lockNamespace: number;
  private running?: Promise<void>;
  private stopping = false;
  private cleanupTimer?: NodeJS.Timeout;
  private unregisterCollector?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: RecordPublisher,
    private readonly options: OutboxRelayOptions,
    private readonly metrics?: PlatformMetrics,
  ) {
    this.logger = new Logger(`OutboxRelay:${options.schema}`);
    this.lockNamespace = keyHash(`outbox:${options.schema}`) | 0;
  }

  get isRunning(): boolean {
    return this.running !== undefined && !this.stopping;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
    this.cleanupTimer = setInterval(
      () => void this.cleanup().catch((e) => this.logger.warn(`cleanup failed: ${e}`)),
      this.options.cleanupIntervalMs,
    );
    this.cleanupTimer.unref();
    this.unregisterCollector = this.metrics?.onCollect(() => this.collectBacklog());
  }

  /** finishes the drain in progress, then stops */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    clearInterval(this.cleanupTimer);
    this.unregisterCollector?.();
    await this.running;
    this.running = undefined;
  }

  wake(): void {
    this.wakeup.wake();
  }

  /** one drain; exposed for tests and benchmarks that drive the relay by hand */
  async drainOnce(): Promise<DrainResult> {
    return this.options.embedded ? this.drainUnlocked() : this.drainWithLaneLocks();
  }

  async cleanup(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const result: [unknown[], number] = await this.dataSource.query(
        `DELETE FROM ${this.options.schema}.outbox WHERE id IN (
           SELECT id FROM ${this.options.schema}.outbox
            WHERE published_at < clock_timestamp() - ($1::bigint * interval '1 millisecond') LIMIT 5000)`,
        [this.options.retentionMs],
      );
      deleted += result[1];
      if (result[1] < 5000) return deleted;
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let blockedStreak = 0;
    while (!this.stopping) {
      let result: DrainResult;
      try {
        result = await this.drainOnce();
        failures = 0;
      } catch (error) {
        failures += 1;
        const delay = Math.min(30_000, 100 * 2 ** failures);
        this.logger[isPassingConnectionLoss(error, failures) ? 'warn' : 'error'](
          `drain failed (attempt ${failures}, next in ${delay} ms): ${(error as Error).message}`,
        );
        await this.wakeup.wait(delay);
        continue;
      }
      if (result.more) continue;
      blockedStreak = result.blocked ? blockedStreak + 1 : 0;
      const delay = result.blocked
        ? Math.min(200, this.options.blockedPollMs * 2 ** Math.min(blockedStreak, 7))
        : this.options.idlePollMs;
      await this.wakeup.wait(delay);
    }
  }

  private async drainWithLaneLocks(): Promise<DrainResult> {
    const runner = this.dataSource.createQueryRunner();
    const watch = new ConnectionWatch();
    try {
      await watch.start(runner);
      await runner.startTransaction();
      const locked: Array<{ lane: number }> = await runner.query(
        `SELECT lane FROM (SELECT lane FROM generate_series(0, $1::int - 1) AS lane ORDER BY random()) AS candidates
          WHERE pg_try_advisory_xact_lock($2::int, lane) LIMIT $3`,
        [this.options.lanes, this.lockNamespace, this.options.maxLanesPerDrain],
      );
      if (locked.length === 0) {
        await runner.commitTransaction();
        return { published: 0, more: false, blocked: true };
      }
      const rows: PendingRow[] = await runner.query(SELECT_PENDING(this.options.schema, true), [
        this.options.batchSize,
        locked.map((l) => l.lane),
      ]);
      const published = await this.publishAndMark(rows, (sql, params) => runner.query(sql, params));
      await runner.commitTransaction();
      return published;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw watch.explain(error);
    } finally {
      watch.stop();
      await runner.release();
    }
  }

  private async drainUnlocked(): Promise<DrainResult> {
    const rows: PendingRow[] = await this.dataSource.query(SELECT_PENDING(this.options.schema, false), [
      this.options.batchSize,
    ]);
    return this.publishAndMark(rows, (sql, params) => this.dataSource.query(sql, params));
  }

  private async publishAndMark(
    rows: readonly PendingRow[],
    query: (sql: string, params: unknown[]) => Promise<unknown>,
  ): Promise<DrainResult> {
    const { ready, blocked } = publishablePrefix(rows);
    if (ready.length > 0) {
      await this.publisher.publish(ready.map(toWireRecord));
      await query(
        `UPDATE ${this.options.schema}.outbox SET published_at = clock_timestamp() WHERE id = ANY($1::bigint[])`,
        [ready.map((r) => r.id)],
      );
      this.countPublished(ready);
    }
    return { published: ready.length, more: rows.length >= this.options.batchSize && ready.length > 0, blocked };
  }

  private countPublished(rows: readonly PendingRow[]): void {
    if (!this.metrics) return;
    const perTopic = new Map<string, number>();
    for (const row of rows) perTopic.set(row.topic, (perTopic.get(row.topic) ?? 0) + 1);
    for (const [topic, n] of perTopic) this.metrics.eventsPublished.inc({ topic, producer: this.options.schema }, n);
  }

  private async collectBacklog(): Promise<void> {
    if (!this.metrics) return;
    const [row]: Array<{ n: string; age: number | null }> = await this.dataSource.query(
      `SELECT count(*) AS n, extract(epoch FROM clock_timestamp() - min(created_at))::float8 AS age
         FROM ${this.options.schema}.outbox WHERE published_at IS NULL`,
    );
    this.metrics.outboxBacklog.set({ context: this.options.schema }, Number(row.n));
    this.metrics.outboxOldestAge.set({ context: this.options.schema }, row.age ?? 0);
  }
}
