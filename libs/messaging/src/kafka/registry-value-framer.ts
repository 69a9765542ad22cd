import { frameValue, type EventCatalogue, type SchemaRegistryClient, type WireRecord } from '@platform/events';
import type { KafkaNaming } from './kafka-naming';

/**
 * With a schema registry, what the relay publishes goes out in the Confluent wire format: the
 * outbox holds each event's Avro body, encoded with the catalogue's schema for its type and
 * version, and here it gets that schema's registry id in front. The subject is the cluster topic
 * plus `-value` (TopicNameStrategy: one schema per topic, since topics are per event type and
 * major version). Records on other topics (a dead letter forwarded to `<context>.dlq`, which
 * carries the failed record's bytes as they arrived) are left byte for byte as they are. A
 * registry failure fails the publish, so the relay keeps the rows and retries.
 */
export class RegistryValueFramer {
  constructor(
    private readonly registry: SchemaRegistryClient,
    private readonly catalogue: EventCatalogue,
    private readonly naming: KafkaNaming,
  ) {}

  async frame(records: readonly WireRecord[]): Promise<readonly WireRecord[]> {
    const topics = [...new Set(records.map((record) => record.topic))];
    const ids = new Map<string, number>();
    await Promise.all(
      topics.map(async (topic) => {
        const contract = this.catalogue.find(topic);
        if (contract) ids.set(topic, await this.registry.idOf(this.subjectOf(topic), contract.schema));
      }),
    );
    return records.map((record) => {
      const id = ids.get(record.topic);
      return id === undefined ? record : { ...record, value: frameValue(id, record.value) };
    });
  }

  /** TopicNameStrategy, on the cluster's (prefixed) topic name */
  subjectOf(topic: string): string {
    return `${this.naming.topic(topic)}-value`;
  }
}
