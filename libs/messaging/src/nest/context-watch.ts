import type { DataSource } from 'typeorm';
import type { OutboxRelay } from '@platform/outbox';
import { trackDeadLetterDepth } from '@platform/dead-letters';
import { DeadLetterTable } from '@platform/dead-letters';
import { ShadowMonitor } from '../shadow/shadow-monitor';
import type { PlatformServices } from './context-module-options';

/**
 * What operators see of a context: its readiness (database, and relay unless a shadow), its
 * dead-letter depth, and a shadow's comparison with the live database when one is named.
 * Returns what stops the watching.
 */
export function watchContext(
  name: string,
  dataSource: DataSource,
  relay: OutboxRelay,
  platform: PlatformServices,
): () => Promise<void> {
  const { shadow } = platform;
  const monitor = shadow.liveDatabaseUrl
    ? new ShadowMonitor(
        name,
        dataSource,
        shadow.liveDatabaseUrl,
        platform.codec,
        platform.metrics,
        shadow.compareIntervalMs,
      )
    : undefined;
  monitor?.start();
  const stopDepth = trackDeadLetterDepth(platform.metrics, new DeadLetterTable(dataSource, name), name);
  platform.readiness.add({ name: `database:${name}`, check: async () => void (await dataSource.query('SELECT 1')) });
  if (!shadow.enabled)
    platform.readiness.add({
      name: `relay:${name}`,
      check: async () => {
        if (!relay.isRunning) throw new Error('outbox relay is not running');
      },
    });
  return async () => {
    stopDepth();
    await monitor?.stop();
  };
}
