/**
 * Polls `probe` until `until` accepts its result, instead of sleeping: fast when the outcome
 * comes early, and a failure that says what was expected and what was last seen when it doesn't.
 */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  until: (value: T) => boolean,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    expected: string;
    /** more to say when it times out, from what was last seen (where a stalled flow stopped) */
    explain?: (last: T | undefined) => Promise<string>;
  },
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (until(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `error ${(lastError as Error).message}` : JSON.stringify(last, bigintSafe);
      const explained = options.explain ? `\n${await options.explain(last).catch((e: Error) => e.message)}` : '';
      throw new Error(
        `timed out after ${options.timeoutMs ?? 20_000} ms waiting for ${options.expected}; last seen: ${seen}${explained}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
