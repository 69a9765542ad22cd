import { intSetting } from '@platform/config';

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

export function relayOptionsFromEnv(schema: string, embedded: boolean, env = process.env): OutboxRelayOptions {
  const lanes = intSetting('OUTBOX_LANES', 16, { env });
  return {
    schema,
    embedded,
    batchSize: intSetting('OUTBOX_BATCH_SIZE', 1000, { env }),
    lanes,
    maxLanesPerDrain: intSetting('OUTBOX_MAX_LANES_PER_DRAIN', lanes, { env }),
    idlePollMs: intSetting('OUTBOX_IDLE_POLL_MS', 1000, { env }),
    blockedPollMs: intSetting('OUTBOX_BLOCKED_POLL_MS', 2, { env }),
    retentionMs: intSetting('OUTBOX_RETENTION_HOURS', 24, { env }) * 3_600_000,
    cleanupIntervalMs: intSetting('OUTBOX_CLEANUP_INTERVAL_MS', 60_000, { env }),
  };
}
