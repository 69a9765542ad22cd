import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { EnvelopeCodec } from '@platform/events';
import { environmentAtStart, loadDotEnv, platformRoot } from '@platform/host';
import { AdminApiClient, busyMessage, operationsTarget, readAdminToken } from '@platform/http';
import {
  KafkaReplay,
  MESSAGING_SCHEMA,
  PLATFORM_CONFIG,
  RECORD_DECODER,
  platformConfigFromEnv,
  type PlatformConfig,
} from '@platform/messaging';
import { ANALYTICS } from '../context';
import { AnalyticsModule } from '../analytics.module';
import { ANALYTICS_SETTING_GROUP } from '../analytics.settings';
import { progressBar } from './progress-bar';
import { parseRebuildArgs } from './rebuild-args';
import { rebuildFromKafka } from './rebuild-from-kafka';
import { rebuildFromInprocessLog } from './rebuild-from-inprocess-log';
import { rebuildThroughPlatform } from './rebuild-through-platform';

/**
 * `npm run analytics:rebuild [-- --from 2026-11-01T00:00:00Z]`: empties the analytics read
 * models and replays the events into them, with a progress bar on stderr. It boots the
 * platform's data sources without HTTP and without starting the transport.
 *
 * - TRANSPORT=inprocess on the embedded database: when a platform owns the data folder, the
 *   platform rebuilds (POST /admin/analytics/rebuild pauses only its analytics consumer) and this
 *   shows the progress; when none does, this opens the folder itself, under its lock (ADR 0018).
 * - TRANSPORT=inprocess on a PostgreSQL server: reads the retained log directly; no group's
 *   offset moves, a running consumer carries on (src/rebuild/rebuild-read-models.ts).
 * - TRANSPORT=kafka: the live analytics consumer must be stopped; the rebuild reads with a fresh
 *   group, then commits the live group's offsets at the end of what it replayed
 *   (src/rebuild/rebuild-from-kafka.ts, KafkaReplay).
 */
async function main(): Promise<void> {
  const args = parseRebuildArgs(process.argv.slice(2));
  loadDotEnv();
  const { env } = environmentAtStart(process.env, [ANALYTICS_SETTING_GROUP]);
  if (!args.from && platformConfigFromEnv(env).transport === 'inprocess') {
    const target = await operationsTarget([ANALYTICS, MESSAGING_SCHEMA], env);
    if (target.kind === 'busy') throw new Error(busyMessage(target.owner));
    if (target.kind === 'running') {
      const summary = await rebuildThroughPlatform(new AdminApiClient(target.url, readAdminToken(env)), progressBar());
      process.stdout.write(
        `analytics read models rebuilt by the running platform (pid ${target.owner.pid}, ${target.url}): ` +
          `${summary.projected ?? 0} event(s) projected, ${summary.skipped ?? 0} skipped, from ` +
          `${summary.partitions ?? 0} partition(s); its analytics consumer was paused for ` +
          `${(summary.elapsedMs / 1000).toFixed(1)} s, every other context kept serving\n`,
      );
      return;
    }
  }
  const app = await NestFactory.createApplicationContext(platformRoot('analytics-rebuild', [AnalyticsModule], env), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  try {
    const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
    const analytics = app.select(AnalyticsModule).get(DataSource);
    const codec = app.get(EnvelopeCodec);
    if (!config.kafka) {
      if (args.from)
        throw new Error('--from needs TRANSPORT=kafka: the in-process rebuild replays all that is retained');
      return await rebuildFromInprocessLog(analytics, codec, env);
    }
    const summary = await rebuildFromKafka({
      replay: KafkaReplay.fromSettings(config.kafka),
      analytics,
      commands: app.select(AnalyticsModule).get(CommandBus),
      decoder: app.get(RECORD_DECODER),
      from: args.from,
      onProgress: progressBar(),
    });
    process.stdout.write(
      `analytics read models rebuilt from Kafka${args.from ? ` from ${args.from.toISOString()}` : ''}: ` +
        `${summary.projected} event(s) projected, ${summary.skipped} skipped, ${summary.read} read ` +
        `from ${summary.partitions} partition(s) in ${(summary.elapsedMs / 1000).toFixed(1)} s; ` +
        `the live analytics group resumes after them (read as ${summary.replayGroup ?? '?'})\n`,
    );
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `analytics rebuild failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
