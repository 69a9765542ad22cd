import type { Environment } from '@platform/config';
import type { DatabaseTarget } from '@platform/database';
import {
  OutboxNotificationListener,
  OutboxRelay,
  OutboxWriter,
  OUTBOX_SETTINGS,
  notifyChannelOf,
  relayOptionsFromEnv,
} from '@platform/outbox';
import type { DataSource } from 'typeorm';
import type { PlatformServices } from './context-module-options';
import { TRANSPORT_SETTINGS } from './transport-settings';

export interface ContextOutbox {
  readonly outbox: OutboxWriter;
  readonly relay: OutboxRelay;
  /** the NOTIFY channel other processes' relays listen on, when commits notify them */
  readonly notifyChannel?: string;
}

/** a context's outbox writer and the relay that publishes what it wrote */
export function buildContextOutbox(
  name: string,
  dataSource: DataSource,
  target: DatabaseTarget,
  platform: PlatformServices,
): ContextOutbox {
  const relayOptions = relayOptionsFromEnv(name, target.embedded, platform.env);
  const notifyChannel = notifiesOtherRelays(target.embedded, platform.env) ? notifyChannelOf(name) : undefined;
  const outbox = new OutboxWriter(
    { schema: name, producer: name, lanes: relayOptions.lanes, notifyChannel, messagingSystem: platform.transport },
    platform.codec,
  );
  const relay = new OutboxRelay(dataSource, platform.publisher, relayOptions, platform.metrics);
  return { outbox, relay, notifyChannel };
}

/**
 * Wakes the relay on every local commit (and, with a channel, on other processes' NOTIFY) and
 * starts it, except in a shadow, which publishes nothing: its outbox rows stay unpublished, the
 * record of what it would have sent. Returns what stops all of it.
 */
export async function startRelay(
  { outbox, relay, notifyChannel }: ContextOutbox,
  target: DatabaseTarget,
  shadow: boolean,
): Promise<() => Promise<void>> {
  const listener = notifyChannel
    ? new OutboxNotificationListener(target.url, notifyChannel, () => relay.wake())
    : undefined;
  const unsubscribe = outbox.onCommitted(() => relay.wake());
  await listener?.start();
  if (!shadow) relay.start();
  return async () => {
    unsubscribe();
    await listener?.stop();
    await relay.stop();
  };
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
