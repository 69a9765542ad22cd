import type { WireRecord } from '@platform/events';
import { KafkaGroupOffsets, KafkaPublisher, kafkaSettingsFromEnv } from '@platform/messaging';

/**
 * The platform's Kafka topics and groups seen from outside, as a fault drill needs them: how far
 * each consumer group is behind (admin API, no group membership, so it works while the group's
 * process is down), and writing raw records onto the topics behind the platform's back
 * (duplicates, poison). Names are the catalogue's (the prefix stripped). Built from the
 * messaging library's own parts, so kafkajs stays inside the Kafka transport.
 */
export class KafkaLogProbe {
  private constructor(
    private readonly offsets: KafkaGroupOffsets,
    /** a plain producer: records land where the platform's publisher would put them (same partitioner), as they are */
    private readonly writer: KafkaPublisher,
    /** with a registry, frames values as the platform's publisher does, looking ids up only */
    private readonly framer: KafkaPublisher,
  ) {}

  /** from the same settings as the platform's processes (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, ...) */
  static async connect(env: NodeJS.ProcessEnv): Promise<KafkaLogProbe> {
    const platform = kafkaSettingsFromEnv(env);
    const settings = {
      ...platform,
      clientId: `${platform.clientId}-probe`,
      producer: { ...platform.producer, acks: -1 as const, idempotent: false },
    };
    const offsets = await KafkaGroupOffsets.connect(settings);
    const writer = KafkaPublisher.standalone(settings, { framed: false });
    await writer.connect();
    // registering is the platform's publisher's business; the framer never connects a producer
    const framer = KafkaPublisher.standalone(settings, { registerSchemas: false });
    return new KafkaLogProbe(offsets, writer, framer);
  }

  /**
   * `records` as the platform's publisher puts them on the topics: an outbox row's value framed
   * in the Confluent wire format when SCHEMA_REGISTRY_URL is set (the schema must be registered
   * already), as it is otherwise.
   */
  asPublished(records: readonly WireRecord[]): Promise<readonly WireRecord[]> {
    return this.framer.frame(records);
  }

  /**
   * Per group, per catalogue topic it has committed offsets on: records not processed yet (high
   * watermark minus the committed offset; the low watermark on a partition it never committed).
   */
  async lagByGroup(groups: readonly string[]): Promise<Record<string, Record<string, number>>> {
    const result: Record<string, Record<string, number>> = {};
    for (const group of groups) result[group] = await this.offsets.lagByTopic(group);
    return result;
  }

  /** produces `records` as they are (key, headers, bytes) onto their topics, acknowledged by all replicas */
  async append(records: readonly WireRecord[]): Promise<void> {
    await this.writer.publish(records);
  }

  async close(): Promise<void> {
    await this.writer.disconnect().catch(() => undefined);
    await this.offsets.close();
  }
}
