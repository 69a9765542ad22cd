import { setting, SettingGroup } from '@platform/config';

/** How every context's consumer retries, batches and bounds records (every transport). */
export const CONSUMER_SETTINGS = new SettingGroup('consumers', {
  CONSUMER_MAX_ATTEMPTS: setting.int(
    5,
    'attempts per event, the first included, before a transient failure is dead-lettered',
  ),
  CONSUMER_RETRY_BASE_MS: setting.int(100, 'full-jitter backoff: the first retry waits up to this (ms), doubling'),
  CONSUMER_RETRY_MAX_MS: setting.int(10_000, 'the longest backoff between two attempts (ms)'),
  CONSUMER_OUTAGE_PROBE_MAX_MS: setting.int(
    2_000,
    "longest pause between probes of a consumer's unanswering database (ms)",
  ),
  CONSUMER_MAX_HELD_UP_RECORDS: setting.int(100, 'records one partition sets aside while their keys wait for a retry'),
  CONSUMER_MAX_RECORD_BYTES: setting.int(1_048_576, 'a bigger record (key, headers and value) is dead-lettered unread'),
  CONSUMER_KEYS_AT_ONCE: setting.bool(
    true,
    "within a batch of one partition's records, handle those of different keys at once (one key's in order)",
  ),
  CONSUMER_TRANSACTION_MAX_RECORDS: setting.int(
    32,
    'records a consumer commits in one transaction at most; 1 turns batching off',
  ),
});
