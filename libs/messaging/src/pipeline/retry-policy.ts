import type { Environment } from '@platform/config';
import { CONSUMER_SETTINGS } from './consumer-settings';

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export interface RetryPolicy {
  /** attempts in total, the first included; then the event is dead-lettered */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * records one partition holds aside while their keys wait for a retry (KeyedLane); the other
   * keys go on until this many are held up, then the partition waits too
   */
  readonly maxHeldUpRecords: number;
  /**
   * the longest pause between two probes of a consumer's database while it does not answer (the
   * wait has no attempt limit): how late, at most, a group resumes once the database is back
   */
  readonly outageMaxDelayMs?: number;
}

export function retryPolicyFromEnv(env: Environment): RetryPolicy {
  const s = CONSUMER_SETTINGS.read(env);
  return {
    maxAttempts: s.CONSUMER_MAX_ATTEMPTS,
    baseDelayMs: s.CONSUMER_RETRY_BASE_MS,
    maxDelayMs: s.CONSUMER_RETRY_MAX_MS,
    maxHeldUpRecords: s.CONSUMER_MAX_HELD_UP_RECORDS,
    outageMaxDelayMs: s.CONSUMER_OUTAGE_PROBE_MAX_MS,
  };
}

export function backoffDelay(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.floor(random() * ceiling);
}
