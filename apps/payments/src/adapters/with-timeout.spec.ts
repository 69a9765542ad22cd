import { TIMED_OUT, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('returns the answer when it comes in time', async () => {
    expect(await withTimeout(Promise.resolve(42), 1_000)).toBe(42);
  });

  it('gives up after the timeout on an answer that never comes', async () => {
    expect(await withTimeout(new Promise<never>(() => undefined), 10)).toBe(TIMED_OUT);
  });

  it('passes a failure through', async () => {
    await expect(withTimeout(Promise.reject(new Error('boom')), 1_000)).rejects.toThrow('boom');
  });
});
