import { eventually } from './eventually';

describe('eventually', () => {
  it('keeps waiting past stallMs while the value progresses', async () => {
    let settled = 0;
    const result = await eventually(
      () => (settled += 1),
      (n) => n >= 30,
      { expected: '30 settled', intervalMs: 5, stallMs: 100, timeoutMs: 60_000, progress: (n) => n },
    );
    expect(result).toBe(30);
  });

  it('gives up as stalled, long before the timeout, when the progress stops growing', async () => {
    let settled = 0;
    const waiting = eventually(
      () => Math.min((settled += 1), 3),
      (n) => n >= 10,
      {
        expected: '10 settled',
        intervalMs: 5,
        stallMs: 50,
        timeoutMs: 60_000,
        progress: (n) => n,
        explain: async (last) => `stuck at ${last}`,
      },
    );
    await expect(waiting).rejects.toThrow(
      /^no progress for 50 ms \(at 3, after \d+ ms\) waiting for 10 settled; last seen: 3\nstuck at 3$/,
    );
  });

  it('times out as before without a progress measure', async () => {
    await expect(
      eventually(
        () => 1,
        (n) => n > 1,
        { expected: 'more', intervalMs: 5, timeoutMs: 30 },
      ),
    ).rejects.toThrow(/^timed out after 30 ms waiting for more; last seen: 1$/);
  });
});
