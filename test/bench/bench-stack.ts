import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { EmbeddedPostgres, openContextDataSource, TransactionRunner, type DatabaseTarget } from '@platform/database';
import { AvroCodec, EnvelopeCodec, EventCatalogue } from '@platform/events';
import {
  InProcessLog,
  InProcessLog1764000000002,
  InProcessPublisher,
  notifiesOtherRelays,
  platformConfigFromEnv,
  type PlatformConfig,
} from '@platform/messaging';
import { PlatformMetrics } from '@platform/observability';
import {
  notifyChannelOf,
  OutboxNotificationListener,
  OutboxRelay,
  OutboxWriter,
  OUTBOX_MIGRATIONS,
  relayOptionsFromEnv,
  type OutboxRelayOptions,
} from '@platform/outbox';
import { createTestDatabase, TEST_CONTRACTS } from '@platform/testing';
import type { BenchBackend } from './bench-config';
import { classifyLogSql, classifyRelaySql, DrainRecorder, QueryProfile, TimedPublisher } from './drain-profile';

/** The producing context of the benchmark: its schema holds the outbox. */
export const BENCH_CONTEXT = 'bench';
const MESSAGING_SCHEMA = 'messaging';

/**
 * One producing context and the in-process log, wired as libs/messaging/src/nest/context-resources.ts
 * and platform-messaging.module.ts do, without Nest: two data sources on one database, the writer
 * waking the relay after each commit, and on a PostgreSQL server the NOTIFY listener too.
 */
export interface BenchStack {
  readonly backend: BenchBackend;
  readonly target: DatabaseTarget;
  readonly outboxDataSource: DataSource;
  readonly messagingDataSource: DataSource;
  readonly transactions: TransactionRunner;
  readonly writer: OutboxWriter;
  readonly relayOptions: OutboxRelayOptions;
  readonly relay: OutboxRelay;
  readonly log: InProcessLog;
  readonly publisher: InProcessPublisher;
  readonly timedPublisher: TimedPublisher;
  readonly drains: DrainRecorder;
  readonly relayQueries: QueryProfile;
  readonly logQueries: QueryProfile;
  readonly notify: boolean;
  readonly platform: PlatformConfig;
  close(): Promise<void>;
}

export async function openBenchStack(backend: BenchBackend, env: NodeJS.ProcessEnv = process.env): Promise<BenchStack> {
  const target = backend === 'postgres' ? await createTestDatabase('postgres') : await onDiskPglite();
  const closers: Array<() => Promise<void>> = [() => target.release()];
  const close = async (): Promise<void> => {
    for (const closer of closers.reverse()) await closer().catch((e) => console.error(`cleanup: ${e}`));
  };
  try {
    const outboxDataSource = await openContextDataSource(target, {
      context: BENCH_CONTEXT,
      migrations: [...OUTBOX_MIGRATIONS],
    });
    closers.push(() => outboxDataSource.destroy());
    const messagingDataSource = await openContextDataSource(target, {
      context: MESSAGING_SCHEMA,
      migrations: [InProcessLog1764000000002],
    });
    closers.push(() => messagingDataSource.destroy());

    const platform = platformConfigFromEnv(env);
    const codec = new EnvelopeCodec(new EventCatalogue(TEST_CONTRACTS), new AvroCodec());
    const log = new InProcessLog(messagingDataSource, MESSAGING_SCHEMA, platform.inprocessPartitions);
    const publisher = new InProcessPublisher(log);
    const timedPublisher = new TimedPublisher(publisher);
    const relayOptions = relayOptionsFromEnv(BENCH_CONTEXT, target.embedded, env);
    const notify = notifiesOtherRelays(target.embedded, env);
    const notifyChannel = notify ? notifyChannelOf(BENCH_CONTEXT) : undefined;
    const writer = new OutboxWriter(
      { schema: BENCH_CONTEXT, producer: BENCH_CONTEXT, lanes: relayOptions.lanes, notifyChannel },
      codec,
    );
    const metrics = new PlatformMetrics(new Registry());
    const relay = new OutboxRelay(outboxDataSource, timedPublisher, relayOptions, metrics);
    const drains = new DrainRecorder(relay);
    const relayQueries = new QueryProfile(classifyRelaySql);
    relayQueries.attach(outboxDataSource);
    const logQueries = new QueryProfile(classifyLogSql);
    logQueries.attach(messagingDataSource);

    const listener = notifyChannel
      ? new OutboxNotificationListener(target.url, notifyChannel, () => relay.wake())
      : undefined;
    const unsubscribe = writer.onCommitted(() => relay.wake());
    await listener?.start();
    closers.push(async () => {
      unsubscribe();
      await listener?.stop();
      await relay.stop();
    });

    return {
      backend,
      target,
      outboxDataSource,
      messagingDataSource,
      transactions: new TransactionRunner(outboxDataSource),
      writer,
      relayOptions,
      relay,
      log,
      publisher,
      timedPublisher,
      drains,
      relayQueries,
      logQueries,
      notify,
      platform,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** PGlite on disk, as users run it (npm start keeps it under ./data); a temp dir removed afterwards. */
async function onDiskPglite(): Promise<DatabaseTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-bench-pglite-'));
  try {
    const embedded = await EmbeddedPostgres.start({ dataDir: dir, maxConnections: 50 });
    return {
      url: embedded.url,
      embedded: true,
      release: async () => {
        try {
          await embedded.stop();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
