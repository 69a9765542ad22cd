import type { Admin, Kafka } from 'kafkajs';
import type { PartitionOffset } from '../../shadow/shadow-run';
import { groupLag } from '../consumer-lag';
import { createKafkaClient } from '../kafka-client';
import { KafkaNaming } from '../kafka-naming';
import type { KafkaSettings } from '../kafka-settings';
import { GroupTakeover } from './group-takeover';

/**
 * A consumer group's offsets, read and written from outside it (ADR 0021): what the live group
 * has committed, and a commit into another group (the shadow's) as its only member. Groups and
 * topics are the catalogue's names; KAFKA_TOPIC_PREFIX and KAFKA_GROUP_PREFIX are added here.
 * The shadow run and, after it, the cut-over use it.
 */
export class KafkaGroupOffsets {
  private readonly naming: KafkaNaming;

  private constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly settings: KafkaSettings,
  ) {
    this.naming = new KafkaNaming(settings.topicPrefix, settings.groupPrefix);
  }

  static async connect(settings: KafkaSettings): Promise<KafkaGroupOffsets> {
    const kafka = createKafkaClient(settings);
    const admin = kafka.admin();
    await admin.connect();
    return new KafkaGroupOffsets(kafka, admin, settings);
  }

  /** the cluster's name of a group */
  groupId(group: string): string {
    return this.naming.group(group);
  }

  /**
   * The group's committed offset of every partition of `topics`; a partition it has committed
   * nothing on gets the partition's low watermark (it has processed nothing there that is retained).
   */
  async committed(group: string, topics: readonly string[]): Promise<PartitionOffset[]> {
    const clusterTopics = topics.map((t) => this.naming.topic(t));
    const committed = await this.admin.fetchOffsets({ groupId: this.naming.group(group), topics: clusterTopics });
    const offsets: PartitionOffset[] = [];
    for (const topic of topics) {
      const own = committed.find((c) => c.topic === this.naming.topic(topic))?.partitions ?? [];
      for (const { partition, low } of await this.admin.fetchTopicOffsets(this.naming.topic(topic))) {
        const offset = own.find((p) => p.partition === partition)?.offset;
        offsets.push({ topic, partition, offset: offset !== undefined && Number(offset) >= 0 ? offset : low });
      }
    }
    return offsets;
  }

  /** seats in consumer groups on this connection (the cut-over holds two to its end); close it before this */
  takeover(): GroupTakeover {
    return new GroupTakeover(this.kafka, this.admin, this.settings);
  }

  /** commits `offsets` for `group`, joining it as its only member (refused while a consumer of it runs) */
  async commitAsLoneMember(group: string, offsets: readonly PartitionOffset[]): Promise<void> {
    const takeover = this.takeover();
    const groupId = this.naming.group(group);
    try {
      await takeover.seize(groupId, [...new Set(offsets.map((o) => o.topic))]);
      await takeover.commit(groupId, offsets);
    } finally {
      await takeover.close();
    }
  }

  /** records on `topics` the group (its name on the cluster, prefix included) has not processed yet */
  async lag(clusterGroupId: string, topics: readonly string[]): Promise<number> {
    const lags = await groupLag(
      this.admin,
      clusterGroupId,
      topics.map((topic) => ({ topic, clusterTopic: this.naming.topic(topic) })),
    );
    return lags.reduce((sum, l) => sum + l.lag, 0);
  }

  /**
   * Per catalogue topic `group` has committed offsets on (the dead-letter topics too): records not
   * processed yet. The topics are listed, not given, so a fault drill sees a group's every topic.
   */
  async lagByTopic(group: string): Promise<Record<string, number>> {
    const { topics } = await this.admin.fetchTopicMetadata();
    const ours = topics.map((t) => t.name).filter((name) => this.naming.catalogueTopic(name) !== undefined);
    const committed = await this.admin.fetchOffsets({ groupId: this.naming.group(group), topics: ours });
    const lags: Record<string, number> = {};
    for (const { topic, partitions } of committed) {
      if (!partitions.some((p) => Number(p.offset) >= 0)) continue; // a topic this group does not read
      let lag = 0;
      for (const { partition, high, low } of await this.watermarksOf(topic)) {
        const done = Number(partitions.find((p) => p.partition === partition)?.offset ?? -1);
        lag += Math.max(0, Number(high) - (done >= 0 ? done : Number(low)));
      }
      lags[this.naming.catalogueTopic(topic) ?? topic] = lag;
    }
    return lags;
  }

  /**
   * A topic created a moment ago (a first dead letter's `.dlq`, say) can be listed before its
   * partitions are, and kafkajs then fails inside fetchTopicOffsets: ask again a few times before
   * giving up, rather than report a lag that leaves the topic out.
   */
  private async watermarksOf(topic: string): Promise<Awaited<ReturnType<Admin['fetchTopicOffsets']>>> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.admin.fetchTopicOffsets(topic);
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  async close(): Promise<void> {
    await this.admin.disconnect().catch(() => undefined);
  }
}
