import type { DataSource } from 'typeorm';
import type { Environment } from '@platform/config';
import { openContextDataSource, resolveDatabaseTarget } from '@platform/database';
import type { EnvelopeCodec } from '@platform/events';
import { MESSAGING_SCHEMA } from '@platform/messaging';
import { progressBar } from './progress-bar';
import { rebuildReadModels } from './rebuild-read-models';

/** TRANSPORT=inprocess: replays the retained log (`messaging.log`) into the emptied read models. */
export async function rebuildFromInprocessLog(
  analytics: DataSource,
  codec: EnvelopeCodec,
  env: Environment,
): Promise<void> {
  const target = await resolveDatabaseTarget(MESSAGING_SCHEMA, env);
  const log = await openContextDataSource(target, { context: MESSAGING_SCHEMA, poolSize: 1 });
  try {
    const summary = await rebuildReadModels({ analytics, log, codec, onProgress: progressBar() });
    const seconds = (summary.elapsedMs / 1000).toFixed(1);
    process.stdout.write(
      `analytics read models rebuilt: ${summary.projected} event(s) projected, ${summary.skipped} skipped, ` +
        `from ${summary.partitions} partition(s) in ${seconds} s\n`,
    );
  } finally {
    await log.destroy();
    await target.release();
  }
}
