import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { PlatformMetrics } from '@platform/observability';
import { deleteExpiredBatch, type RetentionJob } from './retention-job';

export interface RetentionSweeperOptions {
  readonly intervalMs: number;
  readonly batchSize: number;
}

/** What one run did to one table; `error` when the job failed (the others still ran). */
export interface RetentionRun {
  readonly table: string;
  readonly deleted: number;
  /** DELETE statements that removed rows */
  readonly batches: number;
  readonly error?: string;
}

/**
 * Runs a context's retention jobs every interval: for each table, batched DELETEs of the rows
 * past their retention until a batch finds none. Each batch is one statement and its own short
 * transaction, so nothing holds a long transaction (on PGlite only one runs at a time and every
 * other query waits for it). The cutoff is taken once per run from the database's clock, so a run
 * ends even while new rows keep ageing in. A failure is logged and retried at the next interval;
 * it never stops the process. Several processes of one context may each run it: a row deleted by
 * one is skipped by the other.
 */
export class RetentionSweeper {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    readonly context: string,
    readonly jobs: readonly RetentionJob[],
    private readonly options: RetentionSweeperOptions,
    private readonly metrics?: PlatformMetrics,
  ) {
    this.logger = new Logger(`Retention:${context}`);
  }

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** stops the timer, lets the batch in progress finish, and waits for it (before the database closes) */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** one pass over every job, in order; exposed for tests and operators */
  async runOnce(): Promise<RetentionRun[]> {
    const [{ now }]: Array<{ now: Date }> = await this.dataSource.query('SELECT clock_timestamp() AS now');
    const runs: RetentionRun[] = [];
    for (const job of this.jobs) {
      if (this.stopping) break;
      runs.push(await this.runJob(job, new Date(now.getTime() - job.retentionMs)));
    }
    return runs;
  }

  private tick(): void {
    if (this.running) return; // a long run is not overlapped by the next tick
    this.running = this.runOnce()
      .catch((error: unknown) => this.logger.warn(`retention run failed: ${messageOf(error)}`))
      .finally(() => {
        this.running = undefined;
      });
  }

  private async runJob(job: RetentionJob, cutoff: Date): Promise<RetentionRun> {
    let deleted = 0;
    let batches = 0;
    try {
      while (!this.stopping) {
        const n = await deleteExpiredBatch(this.dataSource, this.context, job, cutoff, this.options.batchSize);
        if (n === 0) break;
        deleted += n;
        batches += 1;
        this.metrics?.retentionDeleted.inc({ context: this.context, table: job.table }, n);
      }
      if (deleted > 0)
        this.logger.debug(`deleted ${deleted} rows of ${this.context}.${job.table} in ${batches} batches`);
      return { table: job.table, deleted, batches };
    } catch (error) {
      const message = messageOf(error);
      this.logger.warn(`retention of ${this.context}.${job.table} failed after ${deleted} rows: ${message}`);
      return { table: job.table, deleted, batches, error: message };
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
