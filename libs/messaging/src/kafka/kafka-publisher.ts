import { Logger } from '@nestjs/common';
import { CompressionTypes, Partitioners, type Kafka, type Producer } from 'kafkajs';
import { ALL_EVENT_CONTRACTS, EventCatalogue, SchemaRegistryClient, type WireRecord } from '@platform/events';
import type { RecordPublisher } from '@platform/outbox';
import { createKafkaClient } from './kafka-client';
import { toKafkaMessage } from './kafka-records';
import { KafkaNaming } from './kafka-naming';
import type { KafkaSettings } from './kafka-settings';
import { RegistryValueFramer } from './registry-value-framer';

export interface StandalonePublisherOptions {
  /** false: values go out as they are, even with a schema registry (default: framed, as the relay's) */
  readonly framed?: boolean;
  /** false: the registry is asked for ids only, never registers a schema (default: the settings' own) */
  readonly registerSchemas?: boolean;
}

/**
 * The relay's publisher on Kafka. `publish` resolves only once the cluster acknowledged every
 * record (acks=-1 by default: every in-sync replica), so the relay marks rows published only
 * when they are durable. Per-key order: a key always maps to one partition (the default,
 * Java-compatible murmur2 partitioner, so other clients agree); one produce request per broker
 * is in flight at a time, so a retried request can never overtake a later one (without the
 * idempotent producer that is the only protection); the relay awaits each batch before the next.
 * With a schema registry, values are framed in the Confluent wire format first (RegistryValueFramer).
 */
export class KafkaPublisher implements RecordPublisher {
  private readonly logger = new Logger(KafkaPublisher.name);
  private readonly producer: Producer;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly naming: KafkaNaming,
    private readonly settings: KafkaSettings['producer'],
    private readonly framer?: RegistryValueFramer,
  ) {
    this.producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: settings.idempotent,
      maxInFlightRequests: 1,
      // topics are provisioned with their partitions, never created by a first write with broker
      // defaults; a missing topic fails the publish and the relay retries and logs it
      allowAutoTopicCreation: false,
    });
    this.producer.on(this.producer.events.CONNECT, () => (this.connected = true));
    this.producer.on(this.producer.events.DISCONNECT, () => (this.connected = false));
  }

  /**
   * A publisher outside the Nest application (a hand-over, a fault drill), with the catalogue's
   * contracts and the names of `settings`; not connected yet.
   */
  static standalone(settings: KafkaSettings, options: StandalonePublisherOptions = {}): KafkaPublisher {
    const naming = new KafkaNaming(settings.topicPrefix, settings.groupPrefix);
    const { schemaRegistry } = settings;
    const registry =
      schemaRegistry && options.framed !== false
        ? new SchemaRegistryClient({
            ...schemaRegistry,
            autoRegister: options.registerSchemas ?? schemaRegistry.autoRegister,
            clientId: settings.clientId,
          })
        : undefined;
    const framer = registry && new RegistryValueFramer(registry, new EventCatalogue(ALL_EVENT_CONTRACTS), naming);
    return new KafkaPublisher(createKafkaClient(settings), naming, settings.producer, framer);
  }

  get isConnected(): boolean {
    return this.connected;
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.logger.log(
      `producer connected (acks=${this.settings.acks}, idempotent=${this.settings.idempotent}, compression=${this.settings.compression})`,
    );
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  /** `records` as `publish` puts them on the topics: values framed when this publisher frames them */
  async frame(records: readonly WireRecord[]): Promise<readonly WireRecord[]> {
    return this.framer ? this.framer.frame(records) : records;
  }

  async publish(records: readonly WireRecord[]): Promise<void> {
    if (records.length === 0) return;
    const byTopic = new Map<string, WireRecord[]>();
    for (const record of await this.frame(records)) {
      const batch = byTopic.get(record.topic) ?? [];
      batch.push(record);
      byTopic.set(record.topic, batch);
    }
    await this.producer.sendBatch({
      acks: this.settings.acks,
      compression: this.settings.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, batch]) => ({
        topic: this.naming.topic(topic),
        messages: batch.map(toKafkaMessage),
      })),
    });
  }
}
