export const TIMED_OUT = Symbol('timed out');

/**
 * Waits for `work` at most `ms` with a real timer, then gives up on it (the call itself cannot
 * be cancelled: its late answer, if any, is ignored). The timer is cleared either way, so a
 * fast answer leaves nothing pending.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
