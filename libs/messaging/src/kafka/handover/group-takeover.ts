import type { Admin, Kafka } from 'kafkajs';
import type { PartitionOffset } from '../../shadow/shadow-run';
import { KafkaNaming } from '../kafka-naming';
import type { KafkaSettings } from '../kafka-settings';
import { LiveGroupMember } from '../replay/live-group-member';

/**
 * The cut-over's seats in consumer groups (ADR 0023): it joins each group as its only member and
 * holds the seat to the end, which proves no consumer of the group runs (a lone member is given
 * every partition, a second member is refused) and keeps one from starting meanwhile, and it
 * commits offsets into them as a member (KafkaGroupOffsets reads them). Groups are named
 * as the cluster names them (prefix and suffix included, as `shadow_run` records them); topics
 * are the catalogue's (KAFKA_TOPIC_PREFIX is added here).
 */
export class GroupTakeover {
  private readonly naming: KafkaNaming;
  private readonly seats = new Map<string, LiveGroupMember>();

  /** on a connection KafkaGroupOffsets owns (`takeover()`), which closes it */
  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly settings: KafkaSettings,
  ) {
    this.naming = new KafkaNaming(settings.topicPrefix, settings.groupPrefix);
  }

  /** joins `clusterGroupId` as its only member; rejects, naming the group, while a consumer of it runs */
  async seize(clusterGroupId: string, topics: readonly string[]): Promise<void> {
    const clusterTopics = topics.map((t) => this.naming.topic(t));
    const member = await LiveGroupMember.join(
      this.kafka,
      this.admin,
      clusterGroupId,
      clusterTopics,
      this.settings.consumer,
    );
    this.seats.set(clusterGroupId, member);
  }

  /** commits `offsets` into a group this takeover holds (refused if a consumer joined it since) */
  async commit(clusterGroupId: string, offsets: readonly PartitionOffset[]): Promise<void> {
    const seat = this.seats.get(clusterGroupId);
    if (!seat) throw new Error(`not a member of ${clusterGroupId}: seize it first`);
    await seat.handOver(
      offsets.map((o) => ({ topic: this.naming.topic(o.topic), partition: o.partition, offset: o.offset })),
    );
  }

  /** leaves every group (without committing); the connection stays its owner's */
  async close(): Promise<void> {
    for (const seat of this.seats.values()) await seat.leave().catch(() => undefined);
    this.seats.clear();
  }
}
