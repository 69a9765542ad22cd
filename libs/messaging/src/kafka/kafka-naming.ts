/**
 * Topic and group names on the cluster: the catalogue's names behind an optional prefix
 * (KAFKA_TOPIC_PREFIX, KAFKA_GROUP_PREFIX), so environments, and each test, can share a
 * cluster without seeing each other's records or offsets.
 */
export class KafkaNaming {
  constructor(
    private readonly topicPrefix: string,
    private readonly groupPrefix: string,
    /** '.shadow' for a shadow run's groups (ADR 0021), else empty */
    private readonly groupSuffix = '',
  ) {}

  topic(catalogueTopic: string): string {
    return `${this.topicPrefix}${catalogueTopic}`;
  }

  /** the catalogue's topic of a cluster topic, or undefined when it is not one of ours */
  catalogueTopic(clusterTopic: string): string | undefined {
    return clusterTopic.startsWith(this.topicPrefix) ? clusterTopic.slice(this.topicPrefix.length) : undefined;
  }

  group(consumerGroup: string): string {
    return `${this.groupPrefix}${consumerGroup}${this.groupSuffix}`;
  }
}
