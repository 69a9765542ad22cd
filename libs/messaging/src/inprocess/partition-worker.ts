import { Logger } from '@nestjs/common';
import { isPassingConnectionLoss } from '@platform/database';
import { Wakeup } from '@platform/outbox';
import type { ConsumerPipeline, Subscription } from '../pipeline/consumer-pipeline';
import type { KeyedLane } from '../pipeline/keyed-lane';
import { takeKeysAtOnce, type KeyedRecord } from '../pipeline/keys-at-once';
import type { ReceivedRecord } from '../pipeline/received-record';
import type { InProcessLog } from './inprocess-log';
import type { OffsetCommitter } from './offset-committer';

/** what a worker is doing, for diagnostics (InProcessTransport.describeWorkers) */
export interface PartitionWorkerState {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** where the next read starts; undefined until the committed offset was read */
  readonly next?: string;
  readonly activity: 'reading' | 'handling' | 'waiting' | 'backing off' | 'stopped';
  /** ms spent in the current activity */
  readonly forMs: number;
  /** records taken and not finished (held up behind retries, or in progress) */
  readonly unfinished: number;
  readonly failuresInARow: number;
}

export interface PartitionWorkerOptions {
  readonly batchSize: number;
  /** fallback poll when no append woke the worker (ms) */
  readonly idlePollMs: number;
  /** a read's records of different keys at once, each key's in offset order (CONSUMER_KEYS_AT_ONCE) */
  readonly keysAtOnce?: boolean;
}

/**
 * Consumes one (group, topic, partition) of the in-process log in offset order through a
 * KeyedLane, so one key's events are handled in order and a record waiting for a retry holds up
 * only its own key. Progress is staged with the process's OffsetCommitter after the records went
 * through the pipeline, never before (at-least-once; the inbox absorbs what a crash redelivers),
 * and never past a record still held up. Records this process appends are handed over once
 * committed, so a worker that keeps up consumes them without reading the log; one that is behind,
 * or starts, reads them from the log.
 */
export class PartitionWorker {
  private readonly logger: Logger;
  private readonly wakeup = new Wakeup();
  private readonly abort = new AbortController();
  private lane: KeyedLane;
  private running?: Promise<void>;
  /** committed records handed over by the publisher, in arrival order; used only from the read position on */
  private handed: ReceivedRecord[] = [];
  private next?: bigint;
  private failures = 0;
  private activity: PartitionWorkerState['activity'] = 'waiting';
  private activitySince = Date.now();

  constructor(
    private readonly log: InProcessLog,
    private readonly offsets: OffsetCommitter,
    private readonly pipeline: ConsumerPipeline,
    readonly subscription: Subscription,
    readonly partition: number,
    private readonly options: PartitionWorkerOptions,
  ) {
    this.logger = new Logger(`PartitionWorker:${subscription.group}:${subscription.topic}:${partition}`);
    this.lane = this.newLane();
  }

  start(): void {
    this.running ??= this.loop();
  }

  wake(): void {
    this.wakeup.wake();
  }

  /** records an append just committed to this partition; wakes the worker */
  handOver(records: readonly ReceivedRecord[]): void {
    // more than a read's worth waiting means the worker is behind: it reads the log instead
    if (this.handed.length + records.length <= this.options.batchSize) this.handed.push(...records);
    else this.handed = [];
    this.wakeup.wake();
  }

  describe(): PartitionWorkerState {
    const { group, topic } = this.subscription;
    return {
      group,
      topic,
      partition: this.partition,
      next: this.next?.toString(),
      activity: this.activity,
      forMs: Date.now() - this.activitySince,
      unfinished: this.lane.pending,
      failuresInARow: this.failures,
    };
  }

  /** stops after the record in progress (retry back-offs are cut short) and stages what finished */
  async stop(): Promise<void> {
    this.abort.abort();
    this.wakeup.wake();
    await this.running;
  }

  private newLane(): KeyedLane {
    return this.pipeline.lane(this.subscription, this.abort.signal, () => {
      void this.stageProgress().catch(() => undefined);
      this.wakeup.wake(); // a held-up record that could not finish is rethrown by the loop
    });
  }

  private async loop(): Promise<void> {
    // the worker is its partition's only consumer in this group, so the committed offset is read
    // once, and then the read position is kept in memory; after a failure both start again
    while (!this.abort.signal.aborted) {
      try {
        this.lane.throwIfFailed();
        this.setActivity('reading');
        this.next ??= await this.log.committed(this.subscription.group, this.subscription.topic, this.partition);
        const batch = await this.consumeBatch(this.next);
        this.next = batch.next;
        this.failures = 0;
        if (!batch.full) {
          this.setActivity('waiting');
          await this.wakeup.wait(this.options.idlePollMs);
        }
      } catch (error) {
        this.next = undefined;
        this.failures += 1;
        const delay = Math.min(30_000, 200 * 2 ** this.failures);
        this.logger[isPassingConnectionLoss(error, this.failures) ? 'warn' : 'error'](
          `consumer failed, retrying from the committed offset in ${delay} ms: ${(error as Error).message}`,
        );
        this.setActivity('backing off');
        await this.lane.stop();
        await this.stageProgress().catch(() => undefined);
        this.lane = this.newLane();
        await this.wakeup.wait(delay);
        // what finished before the failure must be in the log before the offset is read again
        await this.offsets.flush().catch(() => undefined);
      }
    }
    this.setActivity('stopped');
    await this.lane.stop();
    await this.stageProgress();
  }

  private setActivity(activity: PartitionWorkerState['activity']): void {
    if (this.activity === activity) return;
    this.activity = activity;
    this.activitySince = Date.now();
  }

  /** consumes from `from`; `next` is where the following read starts, `full` when more may be waiting */
  private async consumeBatch(from: bigint): Promise<{ next: bigint; full: boolean }> {
    const records =
      this.takeHandedOver(from) ??
      (await this.log.read(this.subscription.topic, this.partition, from, this.options.batchSize));
    if (records.length > 0) this.setActivity('handling');
    let next = from;
    try {
      if (this.options.keysAtOnce && records.length > 1) {
        const take = async (record: ReceivedRecord): Promise<boolean> => (await this.lane.offer(record)) !== 'aborted';
        const stopping = (): boolean => this.abort.signal.aborted;
        // every record taken: the next read starts after the batch; stopped: the worker is stopping anyway
        if (await takeKeysAtOnce(records, LOG_RECORDS, this.lane, stopping, take))
          next = BigInt(records[records.length - 1].offset) + 1n;
      } else {
        for (const record of records) {
          if ((await this.lane.offer(record)) === 'aborted') break;
          next = BigInt(record.offset) + 1n;
          if (this.abort.signal.aborted) break;
        }
      }
    } finally {
      await this.stageProgress();
    }
    // records handed over meanwhile woke the worker already (a wake while it works is remembered)
    return { next, full: records.length === this.options.batchSize };
  }

  /**
   * The handed-over records that continue exactly at `from`, without a gap; undefined when they
   * do not start there (the worker is behind, or has just started) and the log must be read.
   */
  private takeHandedOver(from: bigint): ReceivedRecord[] | undefined {
    this.handed = this.handed.filter((record) => BigInt(record.offset) >= from);
    const taken: ReceivedRecord[] = [];
    for (const record of this.handed) {
      if (BigInt(record.offset) !== from + BigInt(taken.length) || taken.length === this.options.batchSize) break;
      taken.push(record);
    }
    if (taken.length === 0) return undefined;
    this.handed = this.handed.slice(taken.length);
    return taken;
  }

  private async stageProgress(): Promise<void> {
    const lane = this.lane;
    const next = lane.uncommitted;
    if (next === undefined) return;
    lane.markCommitted(next);
    const { group, topic } = this.subscription;
    await this.offsets.stage({ group, topic, partition: this.partition, next });
  }
}

const LOG_RECORDS: KeyedRecord<ReceivedRecord> = {
  keyOf: (record) => record.key,
  offsetOf: (record) => BigInt(record.offset),
};
