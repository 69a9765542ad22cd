import type { Provider } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@platform/config';
import { openContextDataSource, resolveDatabaseTarget } from '@platform/database';
import { EnvelopeCodec } from '@platform/events';
import { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import { RECORD_PUBLISHER } from '@platform/outbox';
import { InProcessLog } from '../inprocess/inprocess-log';
import { InProcessLog1764000000002 } from '../inprocess/inprocess-log.migration';
import { InProcessPublisher } from '../inprocess/inprocess-publisher';
import { InProcessTransport } from '../inprocess/inprocess.transport';
import { assertNotHandedOver } from '../inprocess/handover/handover-mark';
import { InProcessHandover1765000000000 } from '../inprocess/handover/handover.migration';
import { ConsumerLagReader } from '../lag/consumer-lag-reader';
import { ConsumerGroups } from '../pipeline/consumer-groups';
import { ConsumerPipeline } from '../pipeline/consumer-pipeline';
import { MESSAGE_TRANSPORT } from './message-transport';
import { PLATFORM_CONFIG, type PlatformConfig } from './platform-config';
import { RECORD_DECODER } from './record-decoder';
import { ShutdownCoordinator } from './shutdown-coordinator';

/** The schema of the in-process transport's log (see InProcessLog). */
export const MESSAGING_SCHEMA = 'messaging';

/** the in-process log's migrations, in order (the platform's and the hand-over command's) */
export const IN_PROCESS_LOG_MIGRATIONS = [InProcessLog1764000000002, InProcessHandover1765000000000];

/** TRANSPORT=inprocess: the durable log in PostgreSQL/PGlite, its publisher and its transport (ADR 0005). */
export const IN_PROCESS_PROVIDERS: Provider[] = [
  {
    provide: InProcessLog,
    useFactory: openInProcessLog,
    inject: [PLATFORM_CONFIG, ShutdownCoordinator, ReadinessChecks, ENVIRONMENT],
  },
  {
    provide: InProcessPublisher,
    useFactory: (log: InProcessLog) => new InProcessPublisher(log),
    inject: [InProcessLog],
  },
  { provide: RECORD_PUBLISHER, useExisting: InProcessPublisher },
  { provide: RECORD_DECODER, useExisting: EnvelopeCodec },
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
          keysAtOnce: config.keysAtOnce,
          commitIntervalMs: config.inprocessCommitIntervalMs,
          retentionMs: config.inprocessRetentionMs,
        },
        metrics,
      ),
    inject: [PLATFORM_CONFIG, InProcessLog, InProcessPublisher, ConsumerPipeline, ConsumerGroups, PlatformMetrics],
  },
  { provide: MESSAGE_TRANSPORT, useExisting: InProcessTransport },
  { provide: ConsumerLagReader, useExisting: InProcessTransport },
];

export const IN_PROCESS_EXPORTS = [InProcessLog, InProcessPublisher, InProcessTransport, ConsumerLagReader];

async function openInProcessLog(
  config: PlatformConfig,
  shutdown: ShutdownCoordinator,
  readiness: ReadinessChecks,
  env: Environment,
): Promise<InProcessLog> {
  const target = await resolveDatabaseTarget(MESSAGING_SCHEMA, env);
  const dataSource = await openContextDataSource(target, {
    context: MESSAGING_SCHEMA,
    migrations: IN_PROCESS_LOG_MIGRATIONS,
  });
  // a log handed over to Kafka is never read again: fail at start, before any relay appends to it
  await assertNotHandedOver(dataSource, MESSAGING_SCHEMA).catch(async (error: unknown) => {
    await dataSource.destroy();
    await target.release();
    throw error;
  });
  shutdown.onSharedClose(MESSAGING_SCHEMA, async () => {
    await dataSource.destroy();
    await target.release();
  });
  readiness.add({ name: `database:${MESSAGING_SCHEMA}`, check: async () => void (await dataSource.query('SELECT 1')) });
  return new InProcessLog(dataSource, MESSAGING_SCHEMA, config.inprocessPartitions);
}
