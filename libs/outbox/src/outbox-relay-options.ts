import { setting, SettingGroup, type Environment } from '@platform/config';

/** Relay settings; defaults come from the environment (see .env.example). */
export interface OutboxRelayOptions {
  /** the producing context; its schema holds the outbox */
  readonly schema: string;
  /**
   * true on the embedded PGlite: one relay, no lane locks, and no transaction held while
   * publishing (PGlite runs one transaction at a time, so that would deadlock the in-process log)
   */
  readonly embedded: boolean;
  readonly batchSize: number;
  /** lanes the outbox rows were hashed into; must equal the writer's */
  readonly lanes: number;
  /** at most this many lanes per drain, so several relays share the work */
  readonly maxLanesPerDrain: number;
  /** fallback poll when nothing woke the relay (ms) */
  readonly idlePollMs: number;
  /** quick re-poll while rows wait for an older transaction to finish (ms) */
  readonly blockedPollMs: number;
  /** published rows older than this are deleted (ms) */
  readonly retentionMs: number;
  readonly cleanupIntervalMs: number;
}

export const OUTBOX_SETTINGS = new SettingGroup('outbox relay', {
  OUTBOX_LANES: setting.int(16, 'lanes outbox rows are hashed into by key; the same in every process'),
  OUTBOX_MAX_LANES_PER_DRAIN: setting.optionalInt('lanes one drain may lock (PostgreSQL only)', 'OUTBOX_LANES'),
  OUTBOX_BATCH_SIZE: setting.int(1000, 'rows read per drain'),
  OUTBOX_IDLE_POLL_MS: setting.int(1000, 'fallback poll when nothing woke the relay (ms)'),
  OUTBOX_BLOCKED_POLL_MS: setting.int(2, 'first re-poll while rows wait for an older transaction (ms)'),
  OUTBOX_RETENTION_HOURS: setting.int(24, 'published rows are kept this long, then deleted'),
  OUTBOX_CLEANUP_INTERVAL_MS: setting.int(60_000, 'how often published rows past retention are deleted (ms)'),
  OUTBOX_NOTIFY: setting.optionalBool(
    'NOTIFY relays in other processes on every outbox commit (PostgreSQL only)',
    'true with TRANSPORT=kafka, else false',
  ),
});

export function relayOptionsFromEnv(schema: string, embedded: boolean, env: Environment): OutboxRelayOptions {
  const s = OUTBOX_SETTINGS.read(env);
  return {
    schema,
    embedded,
    batchSize: s.OUTBOX_BATCH_SIZE,
    lanes: s.OUTBOX_LANES,
    maxLanesPerDrain: s.OUTBOX_MAX_LANES_PER_DRAIN ?? s.OUTBOX_LANES,
    idlePollMs: s.OUTBOX_IDLE_POLL_MS,
    blockedPollMs: s.OUTBOX_BLOCKED_POLL_MS,
    retentionMs: s.OUTBOX_RETENTION_HOURS * 3_600_000,
    cleanupIntervalMs: s.OUTBOX_CLEANUP_INTERVAL_MS,
  };
}
