import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ConsumerPipeline, Subscription } from '../pipeline/consumer-pipeline';
import { brokerUnreachable } from './broker-unreachable';
import type { KafkaNaming } from './kafka-naming';
import type { KafkaSettings } from './kafka-settings';
import type { KeyedLane } from '../pipeline/keyed-lane';
import { OffsetCommits } from './offset-commits';
import { consumePartitionBatch } from './partition-batch';

const MAX_RESTART_DELAY_MS = 30_000;

/**
 * One consumer group (one context) on Kafka: one kafkajs consumer subscribed to every topic
 * the group handles, partitions consumed concurrently, one record at a time within each except
 * that a record waiting for a retry holds up only its own key (KeyedLane).
 * Offsets are committed by us after the pipeline (autoCommit off). A new group reads from the
 * beginning. A crash is logged and the consumer is started again, with back-off, as a fresh
 * kafkajs consumer: kafkajs restarts by itself only after errors it deems retriable, and we
 * never want a group to stop consuming silently.
 */
export class GroupConsumer {
  private readonly logger: Logger;
  private readonly abort = new AbortController();
  private readonly byTopic: Map<string, Subscription>;
  private consumer?: Consumer;
  private restartTimer?: NodeJS.Timeout;
  private restartDelayMs: number;
  private joined = false;
  private assigned: Record<string, number[]> = {};
  private stopped = false;
  /** one lane per partition being consumed, kept across batches (held-up keys wait in it) */
  private lanes = new Map<string, KeyedLane>();
  /** the running kafkajs consumer's commits: batches that finish together share one request */
  private commits = new OffsetCommits();

  constructor(
    private readonly kafka: Kafka,
    private readonly naming: KafkaNaming,
    readonly group: string,
    subscriptions: readonly Subscription[],
    private readonly pipeline: ConsumerPipeline,
    private readonly settings: KafkaSettings['consumer'],
  ) {
    this.logger = new Logger(`KafkaConsumer:${group}`);
    this.byTopic = new Map(subscriptions.map((s) => [s.topic, s]));
    this.restartDelayMs = settings.restartDelayMs;
  }

  get groupId(): string {
    return this.naming.group(this.group);
  }

  get topics(): string[] {
    return [...this.byTopic.keys()].map((topic) => this.naming.topic(topic));
  }

  /** joined the group and consuming (false while it starts, after a crash, and once stopped) */
  get isConsuming(): boolean {
    return this.joined && !this.stopped;
  }

  /** why it is not consuming, for the readiness check */
  get notConsumingReason(): string {
    const waiting = this.pipeline.waits
      .describe()
      .find((line) => line.startsWith(`${this.group} waits for its broker`));
    return waiting ? `not consuming (group ${this.groupId}): ${waiting}` : `not consuming (group ${this.groupId})`;
  }

  /** the partitions of each (cluster) topic this member was given at its last join */
  get assignment(): Readonly<Record<string, readonly number[]>> {
    return this.assigned;
  }

  /** resolves once the consumer has joined its group and is consuming */
  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: this.settings.sessionTimeoutMs,
      heartbeatInterval: this.settings.heartbeatIntervalMs,
      rebalanceTimeout: this.settings.rebalanceTimeoutMs,
      maxWaitTimeInMs: this.settings.maxWaitTimeMs,
      allowAutoTopicCreation: false, // as for the producer: topics are provisioned
      // one restart path for every crash: ours (see onCrash)
      retry: { restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    this.commits = new OffsetCommits();
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      // kafkajs starts every assigned partition again from its committed offset: so do the lanes
      this.dropLanes();
      this.joined = true;
      this.restartDelayMs = this.settings.restartDelayMs;
      const waitedMs = this.pipeline.waits.end(this.group, 'broker');
      if (waitedMs !== undefined) this.logger.log(`the brokers answer again after ${waitedMs} ms; consuming`);
      this.assigned = payload.memberAssignment;
      const assigned = Object.entries(payload.memberAssignment)
        .map(([topic, partitions]) => `${topic}[${partitions.join(',')}]`)
        .join(' ');
      this.logger.log(`joined ${this.groupId} as ${payload.memberId}: ${assigned || 'no partitions'}`);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => void this.onCrash(consumer, payload.error));
    await consumer.connect();
    if (this.stopped) return void (await consumer.disconnect()); // stopped while a restart was connecting
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
  }

  /** finishes the record in progress on each partition, commits it, leaves the group */
  async stop(): Promise<void> {
    this.stopped = true;
    this.joined = false;
    this.assigned = {};
    clearTimeout(this.restartTimer);
    this.pipeline.waits.end(this.group, 'broker');
    this.abort.abort();
    const consumer = this.consumer;
    this.consumer = undefined;
    try {
      await Promise.all([...this.lanes.values()].map((lane) => lane.stop()));
      await consumer?.stop();
      await consumer?.disconnect();
    } catch (error) {
      // e.g. the brokers are gone: what was not committed is redelivered after the restart
      this.logger.error(`stopping the consumer failed: ${(error as Error).message}`);
    }
  }

  private async consumeBatch(payload: EachBatchPayload): Promise<void> {
    const topic = this.naming.catalogueTopic(payload.batch.topic);
    const subscription = topic === undefined ? undefined : this.byTopic.get(topic);
    if (!subscription)
      throw new Error(`${this.groupId} received ${payload.batch.topic}, which it does not subscribe to`);
    const lane = this.laneFor(subscription, payload.batch.topic, payload.batch.partition);
    await consumePartitionBatch(payload, subscription, lane, this.abort.signal, {
      heartbeatIntervalMs: this.settings.heartbeatIntervalMs,
      commitEveryRecords: this.settings.commitEveryRecords,
      commits: this.commits,
      keysAtOnce: this.settings.keysAtOnce,
    });
  }

  private laneFor(subscription: Subscription, topic: string, partition: number): KeyedLane {
    const name = `${topic}:${partition}`;
    const existing = this.lanes.get(name);
    if (existing) return existing;
    const consumer = this.consumer;
    const lane = this.pipeline.lane(subscription, this.abort.signal, (error) => {
      if (this.lanes.get(name) !== lane || !consumer) return; // dropped at a rejoin or a restart
      if (error) return void this.onCrash(consumer, error as Error);
      void this.commitHeldUp(consumer, lane, topic, partition);
    });
    this.lanes.set(name, lane);
    return lane;
  }

  /**
   * A held-up record finished while no batch of its partition runs (kafkajs calls eachBatch only
   * when records arrive), so its offset is committed here; on failure the next batch or the
   * redelivery after a restart covers it.
   */
  private async commitHeldUp(consumer: Consumer, lane: KeyedLane, topic: string, partition: number): Promise<void> {
    const offset = lane.uncommitted;
    if (offset === undefined) return;
    try {
      await consumer.commitOffsets([{ topic, partition, offset: offset.toString() }]);
      lane.markCommitted(offset);
    } catch (error) {
      this.logger.warn(`committing ${topic}[${partition}] at ${offset} failed: ${(error as Error).message}`);
    }
  }

  private dropLanes(): void {
    for (const lane of this.lanes.values()) void lane.stop();
    this.lanes.clear();
  }

  private async onCrash(crashed: Consumer, error: Error): Promise<void> {
    if (this.stopped || crashed !== this.consumer) return;
    this.dropLanes();
    this.joined = false;
    this.assigned = {};
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(MAX_RESTART_DELAY_MS, delay * 2);
    if (brokerUnreachable(error)) {
      // the brokers are the consumer's to wait out: no record is failed for it, nothing is dead-lettered
      this.pipeline.waits.begin(this.group, 'broker', `${error.name}: ${error.message}`);
      this.logger.warn(`cannot reach the brokers (${error.name}: ${error.message}); starting again in ${delay} ms`);
    } else {
      this.logger.error(`consumer crashed (${error.name}: ${error.message}); starting it again in ${delay} ms`);
    }
    await crashed.disconnect().catch(() => undefined);
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.start().catch((startError: unknown) => void this.onCrash(this.consumer ?? crashed, startError as Error));
    }, delay);
  }
}
