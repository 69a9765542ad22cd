import type { DataSource } from 'typeorm';
import type { Environment } from '@platform/config';
import {
  openContextDataSource,
  resolveDatabaseTarget,
  TransactionRunner,
  type ContextDatabaseOptions,
} from '@platform/database';
import type { EnvelopeCodec } from '@platform/events';
import type { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import {
  OutboxNotificationListener,
  OutboxRelay,
  OutboxWriter,
  OUTBOX_MIGRATIONS,
  OUTBOX_SETTINGS,
  notifyChannelOf,
  relayOptionsFromEnv,
  type RecordPublisher,
} from '@platform/outbox';
import { trackDeadLetterDepth } from '../dead-letters/dead-letter-depth';
import { DeadLetterOperations1764000000010 } from '../dead-letters/dead-letter-operations.migration';
import { deadLetterRetention } from '../dead-letters/dead-letter-retention';
import { DeadLetterRetention1764000000011 } from '../dead-letters/dead-letter-retention.migration';
import { DeadLetterTable } from '../dead-letters/dead-letter-table';
import type { ConsumerGroups } from '../pipeline/consumer-groups';
import { DeadLetterStore } from '../pipeline/dead-letter-store';
import { TransactionBatcher, transactionBatchMaxRecordsFromEnv } from '../pipeline/transaction-batcher';
import { PlatformInbox1764000000001 } from '../pipeline/inbox.migration';
import { inboxRetention } from '../retention/inbox-retention';
import type { RetentionJob } from '../retention/retention-job';
import { retentionSettingsFromEnv, type RetentionSettings } from '../retention/retention-settings';
import { RetentionSweeper } from '../retention/retention-sweeper';
import type { ShutdownCoordinator } from './shutdown-coordinator';
import { TRANSPORT_SETTINGS } from './transport-settings';
import { refusalToRun, shadowCopyStateOf } from '../shadow/shadow-copy-state';
import { ShadowMonitor } from '../shadow/shadow-monitor';
import type { ShadowSettings } from '../shadow/shadow-settings';

export interface ContextModuleOptions {
  /** the context's name: its schema, its consumer group and the `producer` of its events */
  readonly name: string;
  readonly entities?: ContextDatabaseOptions['entities'];
  readonly migrations?: ContextDatabaseOptions['migrations'];
  /**
   * Tables of the context's own to keep bounded, beside the inbox and the dead letters that every
   * context prunes; called once at start, so settings are read then (each job needs an index that
   * finds its expired rows, added by one of the context's migrations).
   */
  readonly retention?: (env: Environment) => readonly RetentionJob[];
  /**
   * Whether the context's consumer commits the records that arrive together in one transaction
   * (TransactionBatcher; default true). Say false when a handler calls an outside system inside
   * its transaction: a slow call would hold up the records batched with it.
   */
  readonly batchConsumerTransactions?: boolean;
}

interface PlatformServices {
  readonly codec: EnvelopeCodec;
  readonly publisher: RecordPublisher;
  readonly groups: ConsumerGroups;
  readonly readiness: ReadinessChecks;
  readonly shutdown: ShutdownCoordinator;
  readonly metrics: PlatformMetrics;
  /** SHADOW=true (ADR 0021): the relay stays stopped, so the outbox records what would be published */
  readonly shadow: ShadowSettings;
  readonly transport: 'inprocess' | 'kafka';
  /** the environment the composition root read */
  readonly env: Environment;
}

/**
 * A context's open resources; the relay and the retention sweeper start here and stop at
 * shutdown, before the database closes.
 */
export class ContextResources {
  constructor(
    readonly dataSource: DataSource,
    readonly transactions: TransactionRunner,
    readonly outbox: OutboxWriter,
    readonly relay: OutboxRelay,
    readonly retention: RetentionSweeper,
  ) {}
}

export async function openContextResources(
  options: ContextModuleOptions,
  platform: PlatformServices,
): Promise<ContextResources> {
  const { name } = options;
  const { env } = platform;
  const retentionSettings = retentionSettingsFromEnv(env);
  const retentionJobs = retentionJobsOf(options, retentionSettings, env);
  const target = await resolveDatabaseTarget(name, env);
  const dataSource = await openContextDataSource(target, {
    context: name,
    entities: options.entities,
    migrations: contextMigrations(options),
  });
  if (platform.shadow.enabled && !(await isShadowCopy(dataSource, name))) {
    await dataSource.destroy();
    await target.release();
    throw new Error(
      `SHADOW=true, but this database's ${name} schema is not a shadow copy (no ${name}.shadow_run): ` +
        `make one with npm run migrate -- shadow ${name} and point ${name.toUpperCase()}_DATABASE_URL at it`,
    );
  }
  await refuseMisusedShadowCopy(dataSource, () => target.release(), name, platform.shadow.enabled);
  const relayOptions = relayOptionsFromEnv(name, target.embedded, env);
  const notifyChannel = notifiesOtherRelays(target.embedded, env) ? notifyChannelOf(name) : undefined;
  const outbox = new OutboxWriter(
    { schema: name, producer: name, lanes: relayOptions.lanes, notifyChannel, messagingSystem: platform.transport },
    platform.codec,
  );
  const relay = new OutboxRelay(dataSource, platform.publisher, relayOptions, platform.metrics);
  const transactions = new TransactionRunner(dataSource);
  const batchMaxRecords = options.batchConsumerTransactions === false ? 1 : transactionBatchMaxRecordsFromEnv(env);
  platform.groups.register({
    group: name,
    schema: name,
    transactions,
    recordTransactions: new TransactionBatcher(transactions, {
      maxRecords: batchMaxRecords,
      onCommitted: (records) => platform.metrics.consumerTransactionRecords.observe({ group: name }, records),
    }),
    deadLetters: new DeadLetterStore(dataSource, name, { transactions, outbox }),
  });

  const listener = notifyChannel
    ? new OutboxNotificationListener(target.url, notifyChannel, () => relay.wake())
    : undefined;
  const unsubscribe = outbox.onCommitted(() => relay.wake());
  await listener?.start();
  // a shadow publishes nothing: its outbox rows stay unpublished, the record of what it would have sent
  if (!platform.shadow.enabled) relay.start();

  const retention = new RetentionSweeper(dataSource, name, retentionJobs, retentionSettings, platform.metrics);
  retention.start();

  const monitor = platform.shadow.liveDatabaseUrl
    ? new ShadowMonitor(
        name,
        dataSource,
        platform.shadow.liveDatabaseUrl,
        platform.codec,
        platform.metrics,
        platform.shadow.compareIntervalMs,
      )
    : undefined;
  monitor?.start();

  const stopDepth = trackDeadLetterDepth(platform.metrics, new DeadLetterTable(dataSource, name), name);

  platform.readiness.add({ name: `database:${name}`, check: async () => void (await dataSource.query('SELECT 1')) });
  if (!platform.shadow.enabled)
    platform.readiness.add({
      name: `relay:${name}`,
      check: async () => {
        if (!relay.isRunning) throw new Error('outbox relay is not running');
      },
    });
  platform.shutdown.onContextClose(name, async () => {
    unsubscribe();
    stopDepth();
    await monitor?.stop();
    await listener?.stop();
    await relay.stop();
    await retention.stop();
    await dataSource.destroy();
    await target.release();
  });
  return new ContextResources(dataSource, transactions, outbox, relay, retention);
}

/**
 * A shadow writes only into a copy `migrate shadow` made (it holds `shadow_run`): pointed at the
 * live database by mistake, it would write into the live schema, so it stops at start instead.
 */
async function isShadowCopy(dataSource: DataSource, name: string): Promise<boolean> {
  const rows = (await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS copy`, [`${name}.shadow_run`])) as Array<{
    copy: boolean;
  }>;
  return rows[0]?.copy === true;
}

/** a live process on a shadow's copy not cut over, or a shadow on a promoted one, stops at start (ADR 0023) */
async function refuseMisusedShadowCopy(
  dataSource: DataSource,
  release: () => Promise<void>,
  name: string,
  shadow: boolean,
): Promise<void> {
  const state = await shadowCopyStateOf((sql, params) => dataSource.query(sql, params), name);
  const refusal = refusalToRun(name, state, shadow);
  if (!refusal) return;
  await dataSource.destroy();
  await release();
  throw new Error(refusal);
}

/**
 * Every migration of a context's schema, in the order they run: the platform's tables (outbox,
 * inbox, dead letters) and then the context's own. The migration CLI creates a context's schema on
 * another server with this same list, so the copy lands in exactly what the platform would create.
 */
export function contextMigrations(options: Pick<ContextModuleOptions, 'migrations'>) {
  return [
    ...OUTBOX_MIGRATIONS,
    PlatformInbox1764000000001,
    DeadLetterOperations1764000000010,
    DeadLetterRetention1764000000011,
    ...(options.migrations ?? []),
  ];
}

/** every context prunes its inbox and its settled dead letters, plus the tables it names itself */
function retentionJobsOf(options: ContextModuleOptions, settings: RetentionSettings, env: Environment): RetentionJob[] {
  return [
    inboxRetention(settings.inboxRetentionMs),
    deadLetterRetention(options.name, settings.deadLetterRetentionMs),
    ...(options.retention?.(env) ?? []),
  ];
}

/**
 * Whether outbox commits NOTIFY relays in other processes (OUTBOX_NOTIFY). A context's writers
 * and its relay share a process, which wakes the relay in-process after each commit; NOTIFY only
 * helps where several instances of one context split the outbox lanes between their relays.
 * Only Kafka runs several instances of a context (in-process, a consumer group lives in one
 * process: ADR 0005), so the default follows the transport. It costs a transaction on every
 * LISTEN connection of the database per commit, which the single binary measured as more than
 * half of its transactions (docs/benchmarks.md). PGlite has no cross-connection NOTIFY.
 */
export function notifiesOtherRelays(embedded: boolean, env: Environment): boolean {
  if (embedded) return false;
  return OUTBOX_SETTINGS.read(env).OUTBOX_NOTIFY ?? TRANSPORT_SETTINGS.read(env).TRANSPORT === 'kafka';
}
