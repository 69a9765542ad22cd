import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { openContextDataSource, resolveDatabaseTarget } from '@platform/database';
import { EnvelopeCodec } from '@platform/events';
import { loadDotEnv, platformRoot } from '@platform/http';
import { MESSAGING_SCHEMA } from '@platform/messaging';
import { AnalyticsModule } from '../analytics.module';
import { progressBar } from './progress-bar';
import { rebuildReadModels } from './rebuild-read-models';

/**
 * `npm run analytics:rebuild`: empties the analytics read models and replays the retained log
 * into them. It boots the platform's data sources without HTTP and without starting the
 * transport, so nothing is consumed and no group's committed offset moves: a running analytics
 * consumer carries on from where it was (on PostgreSQL it may run meanwhile; the embedded PGlite
 * is one process's, so stop the app first).
 */
async function main(): Promise<void> {
  loadDotEnv();
  const app = await NestFactory.createApplicationContext(platformRoot('analytics-rebuild', [AnalyticsModule]), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const target = await resolveDatabaseTarget(MESSAGING_SCHEMA);
  const log = await openContextDataSource(target, { context: MESSAGING_SCHEMA, poolSize: 1 });
  try {
    const summary = await rebuildReadModels({
      analytics: app.select(AnalyticsModule).get(DataSource),
      log,
      codec: app.get(EnvelopeCodec),
      onProgress: progressBar(),
    });
    const seconds = (summary.elapsedMs / 1000).toFixed(1);
    process.stdout.write(
      `analytics read models rebuilt: ${summary.projected} event(s) projected, ${summary.skipped} skipped, ` +
        `from ${summary.partitions} partition(s) in ${seconds} s\n`,
    );
  } finally {
    await log.destroy();
    await target.release();
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
