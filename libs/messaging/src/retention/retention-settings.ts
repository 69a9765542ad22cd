import { intSetting } from '@platform/config';

/** The platform's retention settings, read once at start (documented in .env.example and docs/adr/0014). */
export interface RetentionSettings {
  /** INBOX_RETENTION_HOURS: how long `(group, eventId)` is remembered; must exceed any redelivery window */
  readonly inboxRetentionMs: number;
  /** DEAD_LETTER_RETENTION_DAYS: how long a settled (resolved, redriven, discarded) letter is kept after settling */
  readonly deadLetterRetentionMs: number;
  /** RETENTION_INTERVAL_MS: how often every retention job of a context runs */
  readonly intervalMs: number;
  /** RETENTION_BATCH_SIZE: rows per DELETE statement */
  readonly batchSize: number;
}

const HOUR_MS = 3_600_000;

export function retentionSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionSettings {
  return {
    inboxRetentionMs: intSetting('INBOX_RETENTION_HOURS', 720, { env }) * HOUR_MS,
    deadLetterRetentionMs: intSetting('DEAD_LETTER_RETENTION_DAYS', 30, { env }) * 24 * HOUR_MS,
    intervalMs: intSetting('RETENTION_INTERVAL_MS', 60_000, { env }),
    batchSize: intSetting('RETENTION_BATCH_SIZE', 1000, { env }),
  };
}
