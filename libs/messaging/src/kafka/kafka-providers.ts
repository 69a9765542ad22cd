import type { Provider } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import { RECORD_PUBLISHER } from '@platform/outbox';
import { MESSAGE_TRANSPORT } from '../nest/message-transport';
import { PLATFORM_CONFIG, type PlatformConfig } from '../nest/platform-config';
import { ShutdownCoordinator } from '../nest/shutdown-coordinator';
import { ConsumerGroups } from '../pipeline/consumer-groups';
import { ConsumerPipeline } from '../pipeline/consumer-pipeline';
import { createKafkaClient } from './kafka-client';
import { KafkaNaming } from './kafka-naming';
import { KafkaPublisher } from './kafka-publisher';
import { KafkaTransport } from './kafka.transport';

/**
 * TRANSPORT=kafka: one kafkajs client per process, the relays' publisher (connected at start,
 * disconnected after every relay stopped) and the transport. No in-process log is opened.
 */
export const KAFKA_PROVIDERS: Provider[] = [
  {
    provide: Kafka,
    useFactory: (config: PlatformConfig) => createKafkaClient(kafkaOf(config)),
    inject: [PLATFORM_CONFIG],
  },
  {
    provide: KafkaNaming,
    useFactory: (config: PlatformConfig) => new KafkaNaming(kafkaOf(config).topicPrefix, kafkaOf(config).groupPrefix),
    inject: [PLATFORM_CONFIG],
  },
  {
    provide: KafkaPublisher,
    useFactory: openKafkaPublisher,
    inject: [PLATFORM_CONFIG, Kafka, KafkaNaming, ShutdownCoordinator, ReadinessChecks],
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
];

export const KAFKA_EXPORTS = [Kafka, KafkaNaming, KafkaPublisher, KafkaTransport];

async function openKafkaPublisher(
  config: PlatformConfig,
  kafka: Kafka,
  naming: KafkaNaming,
  shutdown: ShutdownCoordinator,
  readiness: ReadinessChecks,
): Promise<KafkaPublisher> {
  const publisher = new KafkaPublisher(kafka, naming, kafkaOf(config).producer);
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
