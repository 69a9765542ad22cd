import { Logger, type Provider } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import {
  AvroCodec,
  EnvelopeCodec,
  EventCatalogue,
  RegistryRecordDecoder,
  SchemaRegistryClient,
} from '@platform/events';
import { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import { RECORD_PUBLISHER } from '@platform/outbox';
import { MESSAGE_TRANSPORT } from '../nest/message-transport';
import { PLATFORM_CONFIG, type PlatformConfig } from '../nest/platform-config';
import { RECORD_DECODER } from '../nest/record-decoder';
import { ShutdownCoordinator } from '../nest/shutdown-coordinator';
import { ConsumerLagReader } from '../lag/consumer-lag-reader';
import { ConsumerGroups } from '../pipeline/consumer-groups';
import { ConsumerPipeline } from '../pipeline/consumer-pipeline';
import { createKafkaClient } from './kafka-client';
import { KafkaNaming } from './kafka-naming';
import { KafkaPublisher } from './kafka-publisher';
import { KafkaTransport } from './kafka.transport';
import { RegistryValueFramer } from './registry-value-framer';
import { groupSuffixOf } from '../shadow/shadow-settings';

/**
 * TRANSPORT=kafka: one kafkajs client per process, the relays' publisher (connected at start,
 * disconnected after every relay stopped) and the transport. No in-process log is opened.
 * With SCHEMA_REGISTRY_URL, one registry client (null without) that the publisher frames values
 * with and the pipeline's decoder reads them with (ADR 0013).
 */
export const KAFKA_PROVIDERS: Provider[] = [
  {
    provide: Kafka,
    useFactory: (config: PlatformConfig) => createKafkaClient(kafkaOf(config)),
    inject: [PLATFORM_CONFIG],
  },
  {
    provide: KafkaNaming,
    useFactory: (config: PlatformConfig) =>
      new KafkaNaming(kafkaOf(config).topicPrefix, kafkaOf(config).groupPrefix, groupSuffixOf(config.shadow)),
    inject: [PLATFORM_CONFIG],
  },
  { provide: SchemaRegistryClient, useFactory: openSchemaRegistry, inject: [PLATFORM_CONFIG] },
  {
    provide: RECORD_DECODER,
    useFactory: (registry: SchemaRegistryClient | null, codec: EnvelopeCodec, avro: AvroCodec) =>
      registry ? new RegistryRecordDecoder(codec, avro, registry) : codec,
    inject: [SchemaRegistryClient, EnvelopeCodec, AvroCodec],
  },
  {
    provide: KafkaPublisher,
    useFactory: openKafkaPublisher,
    inject: [
      PLATFORM_CONFIG,
      Kafka,
      KafkaNaming,
      ShutdownCoordinator,
      ReadinessChecks,
      SchemaRegistryClient,
      EventCatalogue,
    ],
  },
  { provide: RECORD_PUBLISHER, useExisting: KafkaPublisher },
  {
    provide: KafkaTransport,
    useFactory: (
      config: PlatformConfig,
      kafka: Kafka,
      naming: KafkaNaming,
      pipeline: ConsumerPipeline,
      groups: ConsumerGroups,
      readiness: ReadinessChecks,
      metrics: PlatformMetrics,
    ) => new KafkaTransport(kafka, naming, pipeline, groups, kafkaOf(config).consumer, readiness, metrics),
    inject: [PLATFORM_CONFIG, Kafka, KafkaNaming, ConsumerPipeline, ConsumerGroups, ReadinessChecks, PlatformMetrics],
  },
  { provide: MESSAGE_TRANSPORT, useExisting: KafkaTransport },
  { provide: ConsumerLagReader, useExisting: KafkaTransport },
];

export const KAFKA_EXPORTS = [
  Kafka,
  KafkaNaming,
  KafkaPublisher,
  KafkaTransport,
  SchemaRegistryClient,
  ConsumerLagReader,
];

function openSchemaRegistry(config: PlatformConfig): SchemaRegistryClient | null {
  const { schemaRegistry, clientId } = kafkaOf(config);
  if (!schemaRegistry) return null;
  new Logger('SchemaRegistry').log(
    `schema registry at ${schemaRegistry.url}: record values in the Confluent wire format (auto-register ${schemaRegistry.autoRegister ? `on, ${schemaRegistry.compatibility}` : 'off'})`,
  );
  return new SchemaRegistryClient({ ...schemaRegistry, clientId });
}

async function openKafkaPublisher(
  config: PlatformConfig,
  kafka: Kafka,
  naming: KafkaNaming,
  shutdown: ShutdownCoordinator,
  readiness: ReadinessChecks,
  registry: SchemaRegistryClient | null,
  catalogue: EventCatalogue,
): Promise<KafkaPublisher> {
  const framer = registry ? new RegistryValueFramer(registry, catalogue, naming) : undefined;
  const publisher = new KafkaPublisher(kafka, naming, kafkaOf(config).producer, framer);
  await publisher.connect();
  shutdown.onSharedClose('kafka-producer', () => publisher.disconnect());
  readiness.add({
    name: 'kafka:producer',
    check: async () => {
      if (!publisher.isConnected) throw new Error('the Kafka producer is not connected');
    },
  });
  return publisher;
}

function kafkaOf(config: PlatformConfig): NonNullable<PlatformConfig['kafka']> {
  if (!config.kafka) throw new Error('Kafka providers need TRANSPORT=kafka settings');
  return config.kafka;
}
