import type { DataSource } from 'typeorm';
import { TransactionRunner } from '@platform/database';
import type { OutboxRelay, OutboxWriter } from '@platform/outbox';
import { RetentionSweeper } from '../retention/retention-sweeper';
import { joinConsumerGroup } from './context-consumer';
import { openContextDatabase } from './context-database';
import type { ContextModuleOptions, PlatformServices } from './context-module-options';
import { buildContextOutbox, startRelay } from './context-outbox';
import { retentionPlanOf } from './context-retention';
import { watchContext } from './context-watch';

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

/**
 * Opens one context, step by step: its retention plan (settings first), its database, its outbox
 * and relay, its consumer group, then starts the relay, the retention sweeper and the watching,
 * and registers their stop, in reverse, with the shutdown coordinator.
 */
export async function openContextResources(
  options: ContextModuleOptions,
  platform: PlatformServices,
): Promise<ContextResources> {
  const { name } = options;
  const retentionPlan = retentionPlanOf(options, platform.env);
  const { target, dataSource } = await openContextDatabase(options, platform.env, platform.shadow.enabled);
  const built = buildContextOutbox(name, dataSource, target, platform);
  const transactions = new TransactionRunner(dataSource);
  joinConsumerGroup(options, dataSource, transactions, built.outbox, platform);

  const stopRelay = await startRelay(built, target, platform.shadow.enabled);
  const retention = new RetentionSweeper(
    dataSource,
    name,
    retentionPlan.jobs,
    retentionPlan.settings,
    platform.metrics,
  );
  retention.start();
  const stopWatching = watchContext(name, dataSource, built.relay, platform);

  platform.shutdown.onContextClose(name, async () => {
    await stopWatching();
    await stopRelay();
    await retention.stop();
    await dataSource.destroy();
    await target.release();
  });
  return new ContextResources(dataSource, transactions, built.outbox, built.relay, retention);
}
