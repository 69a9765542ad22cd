import type { Admin } from 'kafkajs';

export interface NeededTopic {
  /** the topic's name on the cluster (prefix included) */
  readonly name: string;
  /** the fewest partitions it may have; undefined when the topics file does not say */
  readonly minPartitions?: number;
}

/**
 * Refuses to start consuming from topics that are missing or have fewer partitions than the
 * topics file asks for, naming every one of them: in production the apps never create topics
 * (that is `npm run kafka:topics`'s job), and a consumer subscribing to a missing topic would
 * otherwise fail later with a vaguer error, or have it auto-created with the broker's defaults.
 * Only `listTopics` looks for missing ones, since a metadata request by name can create a topic.
 */
export async function verifyTopics(admin: Admin, needed: readonly NeededTopic[]): Promise<void> {
  const present = new Set(await admin.listTopics());
  const missing = needed.filter((t) => !present.has(t.name));
  const found = needed.filter((t) => present.has(t.name));
  const problems = missing.map((t) => `${t.name} does not exist`);
  if (found.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: found.map((t) => t.name) });
    const partitionsOf = new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
    for (const topic of found) {
      const partitions = partitionsOf.get(topic.name) ?? 0;
      if (topic.minPartitions !== undefined && partitions < topic.minPartitions) {
        problems.push(`${topic.name} has ${partitions} partition(s), the topics file asks for ${topic.minPartitions}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `Kafka topics are not provisioned: ${problems.join('; ')}. Run \`npm run kafka:topics\` ` +
        '(docs/deploy.md), or set KAFKA_VERIFY_TOPICS=false where the broker creates topics on first use.',
    );
  }
}
