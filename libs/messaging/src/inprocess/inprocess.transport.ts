import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { PlatformMetrics } from '@platform/observability';
import type { ConsumerLagReader, PartitionLag } from '../lag/consumer-lag-reader';
import type { ConsumerGroups } from '../pipeline/consumer-groups';
import type { ConsumerPipeline, Subscription } from '../pipeline/consumer-pipeline';
import { subscriptionsOf } from '../subscriptions';
import type { InProcessLog } from './inprocess-log';
import type { InProcessPublisher } from './inprocess-publisher';
import { OffsetCommitter } from './offset-committer';
import { PartitionWorker, type PartitionWorkerOptions, type PartitionWorkerState } from './partition-worker';

export type { PartitionWorkerState } from './partition-worker';

export interface InProcessTransportOptions extends PartitionWorkerOptions {
  /** records older than this are deleted from the log, consumed or not (ms) */
  readonly retentionMs: number;
  /** how often the workers' offsets are committed, all in one statement (ms; 0: at once) */
  readonly commitIntervalMs: number;
}

/**
 * The in-process transport as a Nest custom transport strategy: every @OnEvent handler of the
 * process becomes a consumer group subscription, each partition consumed by its own worker.
 * Semantics as on Kafka: per-group delivery, order per key, asynchronous, at-least-once, and
 * nothing lost on a crash, because the log and the committed offsets are in PostgreSQL.
 */
export class InProcessTransport extends Server implements CustomTransportStrategy, ConsumerLagReader {
  private workers: PartitionWorker[] = [];
  private subscriptions: Subscription[] = [];
  private readonly pausedGroups = new Set<string>();
  private closed = false;
  private offsets?: OffsetCommitter;
  private unsubscribe?: () => void;
  private unregisterLag?: () => void;
  private cleanupTimer?: NodeJS.Timeout;

  constructor(
    private readonly log: InProcessLog,
    private readonly publisher: InProcessPublisher,
    private readonly pipeline: ConsumerPipeline,
    private readonly groups: ConsumerGroups,
    private readonly options: InProcessTransportOptions,
    private readonly metrics?: PlatformMetrics,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    try {
      const subscriptions = subscriptionsOf(this.messageHandlers);
      for (const subscription of subscriptions) this.groups.subscribe(subscription); // fails fast on a missing group
      this.offsets = new OffsetCommitter(this.log, this.options.commitIntervalMs);
      this.subscriptions = subscriptions;
      this.workers = subscriptions.flatMap((subscription) => this.workersOf(subscription));
      this.unsubscribe = this.publisher.onAppended((topic, partition, records) => {
        for (const worker of this.workers) {
          if (worker.partition === partition && worker.subscription.topic === topic) worker.handOver(records);
        }
      });
      this.unregisterLag = this.metrics?.onCollect(async () => {
        for (const { group, topic, lag } of await this.log.lag()) this.metrics?.consumerLag.set({ group, topic }, lag);
      });
      this.cleanupTimer = setInterval(
        () => void this.log.deleteOlderThan(this.options.retentionMs).catch(() => undefined),
        60_000,
      );
      this.cleanupTimer.unref();
      // before the first record is consumed, so a hand-over to Kafka knows every group of every topic
      void this.log
        .recordSubscriptions(subscriptions)
        .catch((error: Error) => this.logger.warn(`could not record the subscriptions: ${error.message}`));
      this.workers.forEach((worker) => worker.start());
      this.logger.log(
        `consuming ${subscriptions.length} subscription(s) x ${this.log.partitions} partitions in-process`,
      );
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** drains: every worker finishes its record in progress and commits */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    this.unregisterLag?.();
    clearInterval(this.cleanupTimer);
    await Promise.all(this.workers.map((worker) => worker.stop()));
    this.workers = [];
    await this.offsets
      ?.flush()
      .catch((error: Error) =>
        this.logger.error(
          `could not commit offsets on close; what was handled since the last commit is redelivered: ${error.message}`,
        ),
      );
  }

  /**
   * Stops one consumer group: its workers finish the records in progress and their offsets are
   * committed; its records wait in the log until resumeGroup, and every other group carries on.
   * For work that must not overlap the group's handlers (the online analytics rebuild).
   */
  async pauseGroup(group: string): Promise<void> {
    if (!this.subscriptions.some((s) => s.group === group)) {
      throw new Error(`consumer group ${group} does not consume in this process`);
    }
    if (this.pausedGroups.has(group)) throw new Error(`consumer group ${group} is paused already`);
    this.pausedGroups.add(group);
    const stopping = this.workers.filter((worker) => worker.subscription.group === group);
    this.workers = this.workers.filter((worker) => worker.subscription.group !== group);
    await Promise.all(stopping.map((worker) => worker.stop()));
    await this.offsets?.flush();
  }

  /** starts a paused group again from its committed offsets */
  resumeGroup(group: string): void {
    if (!this.pausedGroups.delete(group) || this.closed) return;
    const resumed = this.subscriptions.filter((s) => s.group === group).flatMap((s) => this.workersOf(s));
    this.workers.push(...resumed);
    resumed.forEach((worker) => worker.start());
  }

  isPaused(group: string): boolean {
    return this.pausedGroups.has(group);
  }

  private workersOf(subscription: Subscription): PartitionWorker[] {
    const offsets = this.offsets as OffsetCommitter;
    return Array.from(
      { length: this.log.partitions },
      (_, partition) => new PartitionWorker(this.log, offsets, this.pipeline, subscription, partition, this.options),
    );
  }

  /** the lag of this process's groups, per partition (the log holds every process's groups) */
  async partitionLag(): Promise<PartitionLag[]> {
    const ours = new Set(this.subscriptions.map((s) => s.group));
    return (await this.log.partitionLag()).filter((row) => ours.has(row.group));
  }

  /** what every partition worker is doing now: where it reads, and for how long it has been at it */
  describeWorkers(): PartitionWorkerState[] {
    return this.workers.map((worker) => worker.describe());
  }

  /** writes the offsets staged so far (for tools and tests that read them from the log) */
  async flushOffsets(): Promise<void> {
    await this.offsets?.flush();
  }

  on(): void {
    // no transport-level events to subscribe to
  }

  unwrap<T>(): T {
    return this.log as T;
  }
}
