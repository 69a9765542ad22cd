import type { Admin, Kafka } from 'kafkajs';
import type { EventReplay, ReplayOptions, ReplayPartition, ReplaySummary } from '../../replay/event-replay';
import { createKafkaClient } from '../kafka-client';
import { KafkaNaming } from '../kafka-naming';
import type { KafkaSettings } from '../kafka-settings';
import { LiveGroupMember } from './live-group-member';
import { recordsIn, replayPartitionsOf } from './replay-plan';
import { readPartitions } from './replay-reader';

/** `liveGroup` is a context's name, before KAFKA_GROUP_PREFIX; `beforeRead` runs once it is held */
export interface KafkaReplayOptions extends ReplayOptions {
  /** how often the lag is refreshed from the brokers while reading */
  readonly lagRefreshMs?: number;
}

/**
 * The replay port on Kafka: replays topics into a read model and switches the live consumer group over to it, on any
 * Kafka cluster, the mock one included (it has no offset-reset API):
 *
 * 1. join the live group as its only member (refused while the live consumer runs);
 * 2. `beforeRead` (empty the read models), then take the end offsets (high watermarks) and the
 *    start offsets (low watermarks, or by timestamp);
 * 3. read [start, end) of every partition with a fresh group (`<live>.replay-<time>`);
 * 4. commit the live group's offsets at the end offsets, as its member, and leave.
 *
 * The live consumer then resumes exactly after the last replayed record: nothing is applied
 * twice or skipped at the switch. The fresh group commits nothing; the cluster forgets it after
 * its offsets retention.
 */
export class KafkaReplay implements EventReplay {
  private readonly naming: KafkaNaming;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
  ) {
    this.naming = new KafkaNaming(settings.topicPrefix, settings.groupPrefix);
  }

  static fromSettings(settings: KafkaSettings): KafkaReplay {
    return new KafkaReplay(createKafkaClient(settings), settings);
  }

  async run(options: KafkaReplayOptions): Promise<ReplaySummary & { readonly replayGroup: string }> {
    const started = Date.now();
    const clusterTopics = options.topics.map((t) => this.naming.topic(t));
    const admin = this.kafka.admin();
    await admin.connect();
    let member: LiveGroupMember | undefined;
    try {
      const liveGroupId = this.naming.group(options.liveGroup);
      member = await LiveGroupMember.join(this.kafka, admin, liveGroupId, clusterTopics, this.settings.consumer);
      await options.beforeRead();
      const partitions = await this.plan(admin, options.topics, options.from);
      const replayGroup = `${liveGroupId}.replay-${new Date(started).toISOString().replace(/[:.]/g, '-')}`;
      const read = await this.read(admin, replayGroup, partitions, options, started);
      await member.handOver(
        partitions.map((p) => ({
          topic: this.naming.topic(p.topic),
          partition: p.partition,
          offset: p.end.toString(),
        })),
      );
      return { replayGroup, partitions, total: recordsIn(partitions), read, elapsedMs: Date.now() - started };
    } finally {
      await member?.leave().catch(() => undefined);
      await admin.disconnect();
    }
  }

  private async plan(admin: Admin, topics: readonly string[], from?: Date): Promise<ReplayPartition[]> {
    const plans = await Promise.all(
      topics.map(async (topic) => {
        const clusterTopic = this.naming.topic(topic);
        const watermarks = await admin.fetchTopicOffsets(clusterTopic);
        // the mock cluster answers every timestamp with the high watermark: KAFKA_REPLAY_SEEK_BY_TIMESTAMP=false
        // reads from the beginning instead and skips older records by their timestamp
        const starts =
          from && this.settings.replay.seekByTimestamp
            ? await admin.fetchTopicOffsetsByTimestamp(clusterTopic, from.getTime())
            : undefined;
        return replayPartitionsOf(topic, watermarks, starts);
      }),
    );
    return plans.flat();
  }

  private async read(
    admin: Admin,
    groupId: string,
    partitions: readonly ReplayPartition[],
    options: KafkaReplayOptions,
    started: number,
  ): Promise<number> {
    const total = recordsIn(partitions);
    let read = 0;
    let newest = total; // records between the starts and the newest high watermarks
    const report = (): void =>
      options.onProgress?.({ done: read, total, lag: Math.max(0, newest - read), elapsedMs: Date.now() - started });
    const refresh = setInterval(() => {
      void this.recordsSinceStart(admin, partitions).then(
        (n) => ((newest = n), report()),
        () => undefined,
      );
    }, options.lagRefreshMs ?? 1000);
    report();
    try {
      await readPartitions(this.kafka, this.naming, this.settings.consumer, {
        groupId,
        partitions,
        from: options.from,
        onRecords: options.onRecords,
        onRead: (n) => ((read = n), report()),
      });
    } finally {
      clearInterval(refresh);
    }
    newest = await this.recordsSinceStart(admin, partitions).catch(() => newest);
    report();
    return read;
  }

  private async recordsSinceStart(admin: Admin, partitions: readonly ReplayPartition[]): Promise<number> {
    let n = 0;
    for (const topic of new Set(partitions.map((p) => p.topic))) {
      for (const { partition, high } of await admin.fetchTopicOffsets(this.naming.topic(topic))) {
        const start = partitions.find((p) => p.topic === topic && p.partition === partition)?.start ?? 0n;
        n += Math.max(0, Number(BigInt(high) - start));
      }
    }
    return n;
  }
}
