import { backoffDelay, retryPolicyFromEnv, type RetryPolicy } from './retry-policy';

describe('backoffDelay', () => {
  const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxHeldUpRecords: 100 };
  const justBelowOne = 1 - Number.EPSILON;

  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1_000],
    [20, 1_000],
  ])('after failed attempt %d the ceiling is min(max, base * 2^(n-1)) = %d', (attempt, ceiling) => {
    // given / when
    const lowest = backoffDelay(policy, attempt, () => 0);
    const highest = backoffDelay(policy, attempt, () => justBelowOne);
    const middle = backoffDelay(policy, attempt, () => 0.5);
    // then: full jitter, anywhere in [0, ceiling)
    expect(lowest).toBe(0);
    expect(highest).toBe(ceiling - 1);
    expect(middle).toBe(ceiling / 2);
  });

  it('stays in [0, ceiling) for any random value, as a whole number of milliseconds', () => {
    // given
    const randoms = Array.from({ length: 200 }, (_, i) => i / 200);
    // when
    const delays = randoms.map((r) => backoffDelay(policy, 3, () => r));
    // then
    for (const delay of delays) {
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(400);
    }
  });

  it('uses Math.random when no random is given', () => {
    // given / when
    const delay = backoffDelay(policy, 2);
    // then
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(200);
  });
});

describe('retryPolicyFromEnv', () => {
  it('defaults to 5 attempts, 100 ms base and 10 s max, and probes a database that does not answer every 2 s at most', () => {
    // given / when / then
    expect(retryPolicyFromEnv({})).toEqual({
      maxAttempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
      maxHeldUpRecords: 100,
      outageMaxDelayMs: 2_000,
    });
  });

  it('treats empty variables as unset', () => {
    // given
    const env = { CONSUMER_MAX_ATTEMPTS: '', CONSUMER_RETRY_BASE_MS: '', CONSUMER_RETRY_MAX_MS: '' };
    // when / then
    expect(retryPolicyFromEnv(env)).toEqual({
      maxAttempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
      maxHeldUpRecords: 100,
      outageMaxDelayMs: 2_000,
    });
  });

  it('reads the variables as numbers', () => {
    // given
    const env = { CONSUMER_MAX_ATTEMPTS: '3', CONSUMER_RETRY_BASE_MS: '50', CONSUMER_RETRY_MAX_MS: '2000' };
    // when / then
    expect(retryPolicyFromEnv(env)).toEqual({
      maxAttempts: 3,
      baseDelayMs: 50,
      maxDelayMs: 2_000,
      maxHeldUpRecords: 100,
      outageMaxDelayMs: 2_000,
    });
  });
});
