import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import type { ExistingTopic, TopicPlan } from './topic-plan';
import type { TopicSpec } from './topic-specs';

/** The cluster side of topic provisioning: read what exists, apply a plan. */
export class ClusterTopics {
  private constructor(private readonly admin: Admin) {}

  /**
   * Fails within seconds when no broker answers (a refused connection in about one), and quietly:
   * kafkajs logs nothing, every failure reaches the caller as the error it throws, so a CLI can
   * say it in one line instead of kafkajs' retry log.
   */
  static async connect(brokers: readonly string[], clientId = 'kafka-topics'): Promise<ClusterTopics> {
    const admin = new Kafka({
      clientId,
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 2_000,
      retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 1_000 },
    }).admin();
    try {
      await admin.connect();
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      throw new Error(`cannot reach the Kafka brokers at ${brokers.join(',')}: ${(error as Error).message}`);
    }
    return new ClusterTopics(admin);
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }

  /**
   * The specs' topics that exist. Absent ones are never asked for by name, because a metadata
   * request can auto-create a topic. With `ignoreConfigs` an existing topic counts as configured
   * as its spec says (for clusters that cannot describe configs, such as librdkafka's mock).
   */
  async existing(specs: readonly TopicSpec[], ignoreConfigs: boolean): Promise<Map<string, ExistingTopic>> {
    const present = new Set(await this.admin.listTopics());
    const found = specs.filter((s) => present.has(s.name));
    const result = new Map<string, ExistingTopic>();
    if (found.length === 0) return result;
    const metadata = await this.admin.fetchTopicMetadata({ topics: found.map((s) => s.name) });
    const configOf = ignoreConfigs ? undefined : await this.configsOf(found);
    for (const topic of metadata.topics) {
      const wanted = found.find((s) => s.name === topic.name)?.config ?? {};
      result.set(topic.name, {
        partitions: topic.partitions.length,
        replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
        config: configOf ? (configOf.get(topic.name) ?? {}) : wanted,
      });
    }
    return result;
  }

  /** creates, grows and configures; returns how many of each */
  async apply(plan: TopicPlan): Promise<{ created: number; grown: number; configured: number }> {
    const creates = plan.actions.filter((a) => a.kind === 'create');
    if (creates.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: creates.map(({ spec }) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          replicationFactor: spec.replicationFactor,
          configEntries: entriesOf(spec.config),
        })),
      });
    }
    const grows = plan.actions.filter((a) => a.kind === 'add-partitions');
    if (grows.length > 0) {
      await this.admin.createPartitions({
        topicPartitions: grows.map(({ spec }) => ({ topic: spec.name, count: spec.partitions })),
      });
    }
    const alters = plan.actions.filter((a) => a.kind === 'alter-config');
    if (alters.length > 0) {
      // AlterConfigs replaces a topic's dynamic configs: the request carries every managed config,
      // and a config set on the topic by hand outside the file is reset to the broker default
      await this.admin.alterConfigs({
        validateOnly: false,
        resources: alters.map(({ spec }) => ({
          type: ConfigResourceTypes.TOPIC,
          name: spec.name,
          configEntries: entriesOf(spec.config),
        })),
      });
    }
    return { created: creates.length, grown: grows.length, configured: alters.length };
  }

  private async configsOf(specs: readonly TopicSpec[]): Promise<Map<string, Record<string, string>>> {
    try {
      const configs = await this.admin.describeConfigs({
        includeSynonyms: false,
        resources: specs.map((s) => ({
          type: ConfigResourceTypes.TOPIC,
          name: s.name,
          configNames: Object.keys(s.config),
        })),
      });
      return new Map(
        configs.resources.map((r) => [
          r.resourceName,
          Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue])),
        ]),
      );
    } catch (error) {
      throw new Error(
        `cannot read the configs of the existing topics (${(error as Error).message}); ` +
          'pass --ignore-configs to plan partitions and new topics only',
      );
    }
  }
}

function entriesOf(config: Readonly<Record<string, string>>): Array<{ name: string; value: string }> {
  return Object.entries(config).map(([name, value]) => ({ name, value }));
}
