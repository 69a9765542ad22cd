import { Logger } from '@nestjs/common';
import { Wakeup } from '@platform/outbox';
import type { ConsumerPipeline, Subscription } from '../pipeline/consumer-pipeline';
import type { InProcessLog } from './inprocess-log';
import type { OffsetCommitter } from './offset-committer';

export interface PartitionWorkerOptions {
  readonly batchSize: number;
  /** fallback poll when no append woke the worker (ms) */
  readonly idlePollMs: number;
}

/**
 * Consumes one (group, topic, partition) of the in-process log, one record at a time, so one
 * key's events are handled in order. Its progress is staged with the process's OffsetCommitter
 * after the records went through the pipeline, never before (at-least-once; the inbox absorbs
 * what a crash redelivers).
 */
export class PartitionWorker {
  private readonly logger: Logger;
  private readonly wakeup = new Wakeup();
  private readonly abort = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly log: InProcessLog,
    private readonly offsets: OffsetCommitter,
    private readonly pipeline: ConsumerPipeline,
    readonly subscription: Subscription,
    readonly partition: number,
    private readonly options: PartitionWorkerOptions,
  ) {
    this.logger = new Logger(`PartitionWorker:${subscription.group}:${subscription.topic}:${partition}`);
  }

  start(): void {
    this.running ??= this.loop();
  }

  wake(): void {
    this.wakeup.wake();
  }

  /** stops after the record in progress (a retry back-off is cut short) and stages what finished */
  async stop(): Promise<void> {
    this.abort.abort();
    this.wakeup.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    const { group, topic } = this.subscription;
    let failures = 0;
    // the worker is its partition's only consumer in this group, so the committed offset is read
    // once and then kept in memory; after a failure it is read again
    let next: bigint | undefined;
    while (!this.abort.signal.aborted) {
      try {
        next ??= await this.log.committed(group, topic, this.partition);
        const batch = await this.consumeBatch(next);
        next = batch.next;
        failures = 0;
        if (!batch.full) await this.wakeup.wait(this.options.idlePollMs);
      } catch (error) {
        next = undefined;
        failures += 1;
        const delay = Math.min(30_000, 200 * 2 ** failures);
        this.logger.error(
          `consumer failed, retrying from the committed offset in ${delay} ms: ${(error as Error).message}`,
        );
        await this.wakeup.wait(delay);
        // what finished before the failure must be in the log before the offset is read again
        await this.offsets.flush().catch(() => undefined);
      }
    }
  }

  /** consumes from `from`; `full` when a whole batch was read (more may be waiting) */
  private async consumeBatch(from: bigint): Promise<{ next: bigint; full: boolean }> {
    const { group, topic } = this.subscription;
    const records = await this.log.read(topic, this.partition, from, this.options.batchSize);
    let next = from;
    try {
      for (const record of records) {
        const outcome = await this.pipeline.process(this.subscription, record, this.abort.signal);
        if (outcome === 'aborted') break;
        next = BigInt(record.offset) + 1n;
        if (this.abort.signal.aborted) break;
      }
    } finally {
      if (next !== from) await this.offsets.stage({ group, topic, partition: this.partition, next });
    }
    return { next, full: records.length === this.options.batchSize };
  }
}
