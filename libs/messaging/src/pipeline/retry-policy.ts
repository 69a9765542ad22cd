import { intSetting } from '@platform/config';

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

export function retryPolicyFromEnv(env = process.env): RetryPolicy {
  return {
    maxAttempts: intSetting('CONSUMER_MAX_ATTEMPTS', 5, { env }),
    baseDelayMs: intSetting('CONSUMER_RETRY_BASE_MS', 100, { env }),
    maxDelayMs: intSetting('CONSUMER_RETRY_MAX_MS', 10_000, { env }),
    maxHeldUpRecords: intSetting('CONSUMER_MAX_HELD_UP_RECORDS', 100, { env }),
    outageMaxDelayMs: intSetting('CONSUMER_OUTAGE_PROBE_MAX_MS', 2_000, { env }),
  };
}

export function backoffDelay(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.floor(random() * ceiling);
}
