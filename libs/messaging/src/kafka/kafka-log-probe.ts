import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { ALL_EVENT_CONTRACTS, EventCatalogue, SchemaRegistryClient, type WireRecord } from '@platform/events';
import { createKafkaClient } from './kafka-client';
import { toKafkaMessage } from './kafka-records';
import { KafkaNaming } from './kafka-naming';
import { kafkaSettingsFromEnv } from './kafka-settings';
import { RegistryValueFramer } from './registry-value-framer';

/**
 * The platform's Kafka topics and groups seen from outside, as a fault drill or an operator's
 * tool needs them: how far each consumer group is behind (admin API, no group membership, so
 * it works while the group's process is down), and writing raw records onto the topics behind
 * the platform's back (duplicates, poison). Names are the catalogue's (the prefix stripped).
 */
export class KafkaLogProbe {
  private constructor(
    private readonly admin: Admin,
    private readonly producer: Producer,
    private readonly naming: KafkaNaming,
    private readonly topicPrefix: string,
    private readonly framer?: RegistryValueFramer,
  ) {}

  /** from the same settings as the platform's processes (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, ...) */
  static async connect(env: NodeJS.ProcessEnv): Promise<KafkaLogProbe> {
    const settings = kafkaSettingsFromEnv(env);
    const kafka: Kafka = createKafkaClient({ ...settings, clientId: `${settings.clientId}-probe` });
    const admin = kafka.admin();
    // a plain producer: records land where the platform's publisher would put them (same partitioner)
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: false });
    await admin.connect();
    await producer.connect();
    const naming = new KafkaNaming(settings.topicPrefix, settings.groupPrefix);
    // with a registry: look ids up only, registering is the platform's publisher's business
    const registry = settings.schemaRegistry
      ? new SchemaRegistryClient({ ...settings.schemaRegistry, autoRegister: false, clientId: settings.clientId })
      : undefined;
    const framer = registry && new RegistryValueFramer(registry, new EventCatalogue(ALL_EVENT_CONTRACTS), naming);
    return new KafkaLogProbe(admin, producer, naming, settings.topicPrefix, framer);
  }

  /**
   * `records` as the platform's publisher puts them on the topics: an outbox row's value framed
   * in the Confluent wire format when SCHEMA_REGISTRY_URL is set (the schema must be registered
   * already), as it is otherwise.
   */
  async asPublished(records: readonly WireRecord[]): Promise<readonly WireRecord[]> {
    return this.framer ? this.framer.frame(records) : records;
  }

  /**
   * Per group, per catalogue topic it has committed offsets on: records not processed yet (high
   * watermark minus the committed offset; the low watermark on a partition it never committed).
   */
  async lagByGroup(groups: readonly string[]): Promise<Record<string, Record<string, number>>> {
    const { topics } = await this.admin.fetchTopicMetadata();
    const ours = topics.map((t) => t.name).filter((name) => name.startsWith(this.topicPrefix));
    const watermarks = new Map(
      await Promise.all(ours.map(async (topic) => [topic, await this.watermarksOf(topic)] as const)),
    );
    const result: Record<string, Record<string, number>> = {};
    for (const group of groups) {
      const committed = await this.admin.fetchOffsets({ groupId: this.naming.group(group), topics: ours });
      const lags: Record<string, number> = {};
      for (const { topic, partitions } of committed) {
        if (!partitions.some((p) => Number(p.offset) >= 0)) continue; // a topic this group does not read
        let lag = 0;
        for (const { partition, high, low } of watermarks.get(topic) ?? []) {
          const done = Number(partitions.find((p) => p.partition === partition)?.offset ?? -1);
          lag += Math.max(0, Number(high) - (done >= 0 ? done : Number(low)));
        }
        lags[this.naming.catalogueTopic(topic) ?? topic] = lag;
      }
      result[group] = lags;
    }
    return result;
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

  /** produces `records` as they are (key, headers, bytes) onto their topics, acknowledged by all replicas */
  async append(records: readonly WireRecord[]): Promise<void> {
    const byTopic = new Map<string, WireRecord[]>();
    for (const record of records) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
    // one request; within a topic the given order, so a key's copies keep their relative order
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, batch]) => ({
        topic: this.naming.topic(topic),
        messages: batch.map(toKafkaMessage),
      })),
    });
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}
