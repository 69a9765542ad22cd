import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@platform/config';
import {
  ALL_EVENT_CONTRACTS,
  AvroCodec,
  EnvelopeCodec,
  EventCatalogue,
  type EventContract,
  type RecordDecoder,
} from '@platform/events';
import { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import { RECORD_PUBLISHER } from '@platform/outbox';
import { DeadLetterConsumers } from '@platform/dead-letters';
import { KAFKA_EXPORTS, KAFKA_PROVIDERS } from '../kafka/kafka-providers';
import { ConsumerGroups } from '../pipeline/consumer-groups';
import { ConsumerPipeline } from '../pipeline/consumer-pipeline';
import { PipelineDeadLetterConsumers } from '../pipeline/pipeline-dead-letter-consumers';
import { consumerLimitsFromEnv } from '../pipeline/record-size';
import { retryPolicyFromEnv } from '../pipeline/retry-policy';
import { IN_PROCESS_EXPORTS, IN_PROCESS_PROVIDERS } from './inprocess-providers';
import { MESSAGE_TRANSPORT } from './message-transport';
import { PLATFORM_CONFIG, platformConfigFromEnv, RETRY_POLICY } from './platform-config';
import { RECORD_DECODER } from './record-decoder';
import { ShutdownCoordinator } from './shutdown-coordinator';

export { MESSAGING_SCHEMA } from './inprocess-providers';

export interface PlatformMessagingOptions {
  /** the environment the composition root read */
  readonly env: Environment;
  /** the event catalogue; the generated one by default (tests pass their own) */
  readonly contracts?: readonly EventContract[];
}

/**
 * Process-wide messaging: the event catalogue and codec, the consumer pipeline, the registry
 * every context joins with its consumer group, and the transport TRANSPORT names (in-process
 * or Kafka): its RECORD_PUBLISHER for the relays, its RECORD_DECODER for the pipeline, and its
 * MESSAGE_TRANSPORT strategy for `connectMicroservice`. Only the chosen transport's resources are opened. Imported once, by
 * the app's root module, beside ObservabilityModule (metrics, readiness), with the environment
 * the composition root read.
 */
@Module({})
export class PlatformMessagingModule {
  static forRoot(options: PlatformMessagingOptions): DynamicModule {
    const config = platformConfigFromEnv(options.env);
    const retryPolicy = retryPolicyFromEnv(options.env);
    const kafka = config.transport === 'kafka';
    return {
      module: PlatformMessagingModule,
      global: true,
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: RETRY_POLICY, useValue: retryPolicy },
        { provide: EventCatalogue, useFactory: () => new EventCatalogue(options.contracts ?? ALL_EVENT_CONTRACTS) },
        { provide: AvroCodec, useFactory: () => new AvroCodec() },
        {
          provide: EnvelopeCodec,
          useFactory: (c: EventCatalogue, a: AvroCodec) => new EnvelopeCodec(c, a),
          inject: [EventCatalogue, AvroCodec],
        },
        { provide: ConsumerGroups, useFactory: () => new ConsumerGroups() },
        ShutdownCoordinator,
        {
          provide: ConsumerPipeline,
          useFactory: (
            decoder: RecordDecoder,
            groups: ConsumerGroups,
            metrics: PlatformMetrics,
            readiness: ReadinessChecks,
          ) => {
            const pipeline = new ConsumerPipeline(
              decoder,
              groups,
              retryPolicy,
              metrics,
              consumerLimitsFromEnv(options.env),
              config.transport,
            );
            // names every consumer group paused on its database or broker, and since when
            readiness.add({ name: 'consumers', check: () => pipeline.waits.check() });
            return pipeline;
          },
          inject: [RECORD_DECODER, ConsumerGroups, PlatformMetrics, ReadinessChecks],
        },
        {
          provide: DeadLetterConsumers,
          useFactory: (groups: ConsumerGroups, pipeline: ConsumerPipeline) =>
            new PipelineDeadLetterConsumers(groups, pipeline),
          inject: [ConsumerGroups, ConsumerPipeline],
        },
        ...(kafka ? KAFKA_PROVIDERS : IN_PROCESS_PROVIDERS),
      ],
      exports: [
        PLATFORM_CONFIG,
        RETRY_POLICY,
        EventCatalogue,
        AvroCodec,
        EnvelopeCodec,
        ConsumerGroups,
        ShutdownCoordinator,
        ConsumerPipeline,
        DeadLetterConsumers,
        RECORD_DECODER,
        RECORD_PUBLISHER,
        MESSAGE_TRANSPORT,
        ...(kafka ? KAFKA_EXPORTS : IN_PROCESS_EXPORTS),
      ],
    };
  }
}
