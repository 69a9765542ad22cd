import type { DataSource } from 'typeorm';
import type { Environment } from '@platform/config';
import type { EnvelopeCodec } from '@platform/events';
import { InProcessLogReplay, MESSAGING_SCHEMA } from '@platform/messaging';
import { progressBar } from './progress-bar';
import { rebuildReadModels } from './rebuild-read-models';

/** TRANSPORT=inprocess: replays the retained log into the emptied read models. */
export async function rebuildFromInprocessLog(
  analytics: DataSource,
  codec: EnvelopeCodec,
  env: Environment,
): Promise<void> {
  const log = await InProcessLogReplay.open(MESSAGING_SCHEMA, env);
  try {
    const summary = await rebuildReadModels({ analytics, replay: log.replay, codec, onProgress: progressBar() });
    const seconds = (summary.elapsedMs / 1000).toFixed(1);
    process.stdout.write(
      `analytics read models rebuilt: ${summary.projected} event(s) projected, ${summary.skipped} skipped, ` +
        `from ${summary.partitions} partition(s) in ${seconds} s\n`,
    );
  } finally {
    await log.close();
  }
}
