import type { Admin, Kafka } from 'kafkajs';
import type { WireRecord } from '@platform/events';
import { createKafkaClient } from '../kafka-client';
import { KafkaNaming } from '../kafka-naming';
import { KafkaPublisher } from '../kafka-publisher';
import type { KafkaSettings } from '../kafka-settings';
import { LiveGroupMember } from '../replay/live-group-member';

/** a Kafka consumer of a group runs (or joining it failed amid a rebalance): the hand-over must not go on */
export class KafkaGroupBusyError extends Error {
  override name = 'KafkaGroupBusyError';
}

/** where a Kafka consumer group will start reading one partition once the platform runs on Kafka */
export interface GroupStart {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** the offset committed for the group (its own earlier commit if lower, else the pre-hand-over end) */
  readonly offset: string;
}

/**
 * The Kafka side of a hand-over from the in-process log (ADR 0019):
 *
 * - `holdGroupStarts` makes every consumer group start at or before the first handed-over record:
 *   it joins each group as its only member (refused while a Kafka consumer of it runs), and
 *   commits, per partition, the group's own committed offset when it has one, else the high
 *   watermark taken before anything is produced. The Kafka transport's consumers subscribe
 *   `fromBeginning`, which would otherwise make a new group read whatever older records the
 *   topic holds (an earlier, undone hand-over), possibly after their inbox rows expired.
 * - `publish` produces exactly what the Kafka relay would: the relay's own publisher (murmur2
 *   partitioner, one request in flight, acks and compression from KAFKA_*), with values framed
 *   for the schema registry when SCHEMA_REGISTRY_URL is set.
 */
export class KafkaHandover {
  private readonly naming: KafkaNaming;
  private readonly publisher: KafkaPublisher;
  private readonly admin: Admin;

  private constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
  ) {
    this.naming = new KafkaNaming(settings.topicPrefix, settings.groupPrefix);
    this.publisher = KafkaPublisher.standalone(settings);
    this.admin = kafka.admin();
  }

  static async connect(settings: KafkaSettings): Promise<KafkaHandover> {
    const handover = new KafkaHandover(createKafkaClient(settings), settings);
    await handover.admin.connect();
    try {
      await handover.publisher.connect();
    } catch (error) {
      await handover.admin.disconnect();
      throw error;
    }
    return handover;
  }

  /** commits each group's start offsets as a lone member of it (in parallel: the first join of a group is slow) */
  async holdGroupStarts(groupTopics: ReadonlyMap<string, readonly string[]>): Promise<GroupStart[]> {
    const ends = new Map<string, Array<{ partition: number; high: string }>>();
    for (const topic of new Set([...groupTopics.values()].flat())) {
      ends.set(topic, await this.admin.fetchTopicOffsets(this.naming.topic(topic)));
    }
    const starts = await Promise.all(
      [...groupTopics].map(([group, topics]) => this.holdGroupStart(group, topics, ends)),
    );
    return starts.flat();
  }

  async publish(records: readonly WireRecord[]): Promise<void> {
    await this.publisher.publish(records);
  }

  async close(): Promise<void> {
    await this.publisher.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }

  private async holdGroupStart(
    group: string,
    topics: readonly string[],
    ends: ReadonlyMap<string, ReadonlyArray<{ partition: number; high: string }>>,
  ): Promise<GroupStart[]> {
    const groupId = this.naming.group(group);
    const clusterTopics = topics.map((t) => this.naming.topic(t));
    const committed = await this.admin.fetchOffsets({ groupId, topics: clusterTopics });
    const starts = topics.flatMap((topic) =>
      (ends.get(topic) ?? []).map(({ partition, high }) => {
        const own = committed
          .find((c) => c.topic === this.naming.topic(topic))
          ?.partitions.find((p) => p.partition === partition)?.offset;
        const offset = own !== undefined && Number(own) >= 0 && BigInt(own) <= BigInt(high) ? own : high;
        return { group, topic, partition, offset };
      }),
    );
    const member = await LiveGroupMember.join(
      this.kafka,
      this.admin,
      groupId,
      clusterTopics,
      this.settings.consumer,
    ).catch((error: Error) => {
      throw new KafkaGroupBusyError(
        `the Kafka consumer group ${groupId} could not be held alone (${error.message}): ` +
          'is the platform already running on Kafka? Stop it before a hand-over',
      );
    });
    try {
      await member.handOver(
        starts.map((s) => ({ topic: this.naming.topic(s.topic), partition: s.partition, offset: s.offset })),
      );
    } finally {
      await member.leave().catch(() => undefined);
    }
    return starts;
  }
}
