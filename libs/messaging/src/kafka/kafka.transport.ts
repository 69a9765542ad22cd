import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Admin, Kafka } from 'kafkajs';
import type { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import type { ConsumerLagReader, PartitionLag } from '../lag/consumer-lag-reader';
import type { ConsumerGroups } from '../pipeline/consumer-groups';
import type { ConsumerPipeline, Subscription } from '../pipeline/consumer-pipeline';
import { subscriptionsOf } from '../subscriptions';
import { groupLag } from './consumer-lag';
import { readTopicPartitions } from './topics/topic-specs';
import { verifyTopics } from './topics/verify-topics';
import { GroupConsumer } from './group-consumer';
import type { KafkaNaming } from './kafka-naming';
import type { KafkaSettings } from './kafka-settings';

/**
 * The Kafka transport as a Nest custom transport strategy, beside the in-process one: every
 * @OnEvent handler becomes a subscription of its consumer group (one group per context), and
 * each group is one kafkajs consumer (GroupConsumer) feeding the same ConsumerPipeline.
 * `listen` reports ready once every group has joined; `close` drains every group.
 */
export class KafkaTransport extends Server implements CustomTransportStrategy, ConsumerLagReader {
  private consumers: GroupConsumer[] = [];
  private admin?: Admin;
  private unregisterLag?: () => void;

  constructor(
    private readonly kafka: Kafka,
    private readonly naming: KafkaNaming,
    private readonly pipeline: ConsumerPipeline,
    private readonly groups: ConsumerGroups,
    private readonly settings: KafkaSettings['consumer'],
    private readonly readiness: ReadinessChecks,
    private readonly metrics?: PlatformMetrics,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    this.unregisterLag?.();
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    this.consumers = [];
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }

  /** per consumer group: the partitions of each catalogue topic this process consumes now */
  assignments(): Record<string, Record<string, readonly number[]>> {
    return Object.fromEntries(
      this.consumers.map((consumer) => [
        consumer.group,
        Object.fromEntries(
          Object.entries(consumer.assignment).map(([topic, partitions]) => [
            this.naming.catalogueTopic(topic) ?? topic,
            partitions,
          ]),
        ),
      ]),
    );
  }

  /** the lag of this process's groups, per partition, from the brokers (none before the lag metric's admin connects) */
  async partitionLag(): Promise<PartitionLag[]> {
    const admin = this.admin;
    if (!admin) return [];
    const perGroup = await Promise.all(
      this.consumers.map(async (consumer) =>
        (await groupLag(admin, consumer.groupId, this.catalogueTopicsOf(consumer))).flatMap(({ topic, partitions }) =>
          partitions.map(({ partition, lag }) => ({ group: consumer.group, topic, partition, lag })),
        ),
      ),
    );
    return perGroup.flat();
  }

  on(): void {
    // transport events are handled inside GroupConsumer
  }

  unwrap<T>(): T {
    return this.kafka as T;
  }

  private async start(): Promise<void> {
    const byGroup = new Map<string, Subscription[]>();
    for (const subscription of subscriptionsOf(this.messageHandlers)) {
      // fails fast on a group no context registered; the dead-letter admin re-drives through it
      this.groups.subscribe(subscription);
      byGroup.set(subscription.group, [...(byGroup.get(subscription.group) ?? []), subscription]);
    }
    if (this.settings.verifyTopics) await this.verify([...byGroup.values()].flat());
    this.consumers = [...byGroup].map(
      ([group, subscriptions]) =>
        new GroupConsumer(this.kafka, this.naming, group, subscriptions, this.pipeline, this.settings),
    );
    for (const consumer of this.consumers) {
      this.readiness.add({
        name: `consumer:${consumer.group}`,
        check: async () => {
          if (!consumer.isConsuming) throw new Error(consumer.notConsumingReason);
        },
      });
    }
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
    await this.startLagMetric();
    this.logger.log(
      `consuming on Kafka: ${this.consumers.map((c) => `${c.groupId} <- ${c.topics.join(', ')}`).join('; ') || 'no subscriptions'}`,
    );
  }

  private catalogueTopicsOf(consumer: GroupConsumer): Array<{ clusterTopic: string; topic: string }> {
    return consumer.topics.map((clusterTopic) => ({
      clusterTopic,
      topic: this.naming.catalogueTopic(clusterTopic) ?? clusterTopic,
    }));
  }

  /** the consumed topics exist with at least the partitions the topics file asks for (KAFKA_VERIFY_TOPICS) */
  private async verify(subscriptions: readonly Subscription[]): Promise<void> {
    if (subscriptions.length === 0) return;
    let partitions: Map<string, number> | undefined;
    try {
      partitions = readTopicPartitions(this.settings.topicsFile);
    } catch (error) {
      this.logger.warn(
        `cannot read ${this.settings.topicsFile} (${(error as Error).message}): checking that topics exist, not their partitions`,
      );
    }
    const topics = [...new Set(subscriptions.map((s) => s.topic))];
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await verifyTopics(
        admin,
        topics.map((topic) => ({ name: this.naming.topic(topic), minPartitions: partitions?.get(topic) })),
      );
    } finally {
      await admin.disconnect();
    }
  }

  private async startLagMetric(): Promise<void> {
    const metrics = this.metrics;
    if (!metrics || this.consumers.length === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    this.admin = admin;
    this.unregisterLag = metrics.onCollect(async () => {
      for (const consumer of this.consumers) {
        for (const { topic, lag } of await groupLag(admin, consumer.groupId, this.catalogueTopicsOf(consumer))) {
          metrics.consumerLag.set({ group: consumer.group, topic }, lag);
        }
      }
    });
  }
}
