import { setting, SettingGroup, type Environment } from '@platform/config';

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

export const RETENTION_SETTINGS = new SettingGroup('retention', {
  INBOX_RETENTION_HOURS: setting.int(720, 'how long a consumer group remembers an event it handled (its inbox row)'),
  DEAD_LETTER_RETENTION_DAYS: setting.int(30, 'settled dead letters are deleted this many days after settling'),
  RETENTION_INTERVAL_MS: setting.int(60_000, 'how often each context deletes what is past its retention (ms)'),
  RETENTION_BATCH_SIZE: setting.int(1000, 'rows per DELETE statement of a retention job'),
});

export function retentionSettingsFromEnv(env: Environment): RetentionSettings {
  const s = RETENTION_SETTINGS.read(env);
  return {
    inboxRetentionMs: s.INBOX_RETENTION_HOURS * HOUR_MS,
    deadLetterRetentionMs: s.DEAD_LETTER_RETENTION_DAYS * 24 * HOUR_MS,
    intervalMs: s.RETENTION_INTERVAL_MS,
    batchSize: s.RETENTION_BATCH_SIZE,
  };
}
