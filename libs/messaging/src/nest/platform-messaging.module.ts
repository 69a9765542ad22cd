import { Module, type DynamicModule } from '@nestjs/common';
import { openContextDataSource, resolveDatabaseTarget } from '@platform/database';
import { ALL_EVENT_CONTRACTS, AvroCodec, EnvelopeCodec, EventCatalogue, type EventContract } from '@platform/events';
import { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import { RECORD_PUBLISHER } from '@platform/outbox';
import { InProcessLog } from '../inprocess/inprocess-log';
import { InProcessLog1764000000002 } from '../inprocess/inprocess-log.migration';
import { InProcessPublisher } from '../inprocess/inprocess-publisher';
import { InProcessTransport } from '../inprocess/inprocess.transport';
import { ConsumerGroups } from '../pipeline/consumer-groups';
import { ConsumerPipeline } from '../pipeline/consumer-pipeline';
import { consumerLimitsFromEnv } from '../pipeline/record-size';
import { retryPolicyFromEnv } from '../pipeline/retry-policy';
import { PLATFORM_CONFIG, platformConfigFromEnv, type PlatformConfig } from './platform-config';
import { ShutdownCoordinator } from './shutdown-coordinator';

export interface PlatformMessagingOptions {
  /** the event catalogue; the generated one by default (tests pass their own) */
  readonly contracts?: readonly EventContract[];
}

/** The schema of the in-process transport's log (see InProcessLog). */
export const MESSAGING_SCHEMA = 'messaging';

/**
 * Process-wide messaging: the event catalogue and codec, the transport (in-process for now),
 * the consumer pipeline, and the registry every context joins with its consumer group.
 * Imported once, by the app's root module, beside ObservabilityModule (metrics, readiness).
 */
@Module({})
export class PlatformMessagingModule {
  static forRoot(options: PlatformMessagingOptions = {}): DynamicModule {
    const exported = [
      PLATFORM_CONFIG,
      EventCatalogue,
      AvroCodec,
      EnvelopeCodec,
      ConsumerGroups,
      ShutdownCoordinator,
      InProcessLog,
      InProcessPublisher,
      RECORD_PUBLISHER,
      ConsumerPipeline,
      InProcessTransport,
    ];
    return {
      module: PlatformMessagingModule,
      global: true,
      providers: [
        { provide: PLATFORM_CONFIG, useFactory: () => platformConfigFromEnv() },
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
          provide: InProcessLog,
          useFactory: openInProcessLog,
          inject: [PLATFORM_CONFIG, ShutdownCoordinator, ReadinessChecks],
        },
        {
          provide: InProcessPublisher,
          useFactory: (log: InProcessLog) => new InProcessPublisher(log),
          inject: [InProcessLog],
        },
        { provide: RECORD_PUBLISHER, useExisting: InProcessPublisher },
        {
          provide: ConsumerPipeline,
          useFactory: (codec: EnvelopeCodec, groups: ConsumerGroups, metrics: PlatformMetrics) =>
            new ConsumerPipeline(codec, groups, retryPolicyFromEnv(), metrics, consumerLimitsFromEnv()),
          inject: [EnvelopeCodec, ConsumerGroups, PlatformMetrics],
        },
        {
          provide: InProcessTransport,
          useFactory: (
            config: PlatformConfig,
            log: InProcessLog,
            publisher: InProcessPublisher,
            pipeline: ConsumerPipeline,
            groups: ConsumerGroups,
            metrics: PlatformMetrics,
          ) =>
            new InProcessTransport(
              log,
              publisher,
              pipeline,
              groups,
              {
                batchSize: config.inprocessBatchSize,
                idlePollMs: config.inprocessIdlePollMs,
                commitIntervalMs: config.inprocessCommitIntervalMs,
                retentionMs: config.inprocessRetentionMs,
              },
              metrics,
            ),
          inject: [
            PLATFORM_CONFIG,
            InProcessLog,
            InProcessPublisher,
            ConsumerPipeline,
            ConsumerGroups,
            PlatformMetrics,
          ],
        },
      ],
      exports: exported,
    };
  }
}

async function openInProcessLog(
  config: PlatformConfig,
  shutdown: ShutdownCoordinator,
  readiness: ReadinessChecks,
): Promise<InProcessLog> {
  const target = await resolveDatabaseTarget(MESSAGING_SCHEMA);
  const dataSource = await openContextDataSource(target, {
    context: MESSAGING_SCHEMA,
    migrations: [InProcessLog1764000000002],
  });
  shutdown.onSharedClose(MESSAGING_SCHEMA, async () => {
    await dataSource.destroy();
    await target.release();
  });
  readiness.add({ name: `database:${MESSAGING_SCHEMA}`, check: async () => void (await dataSource.query('SELECT 1')) });
  return new InProcessLog(dataSource, MESSAGING_SCHEMA, config.inprocessPartitions);
}
