export interface EventuallyOptions<T> {
  /** gives up this long after the start (default 20 s) */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  readonly expected: string;
  /**
   * For a long wait on many things (every order of a batch settled): how far along a value is.
   * With `stallMs`, the wait gives up early when this has not grown for that long, so a slow
   * machine gets until `timeoutMs` while a flow that stopped fails soon, as stalled.
   */
  readonly progress?: (value: T) => number;
  readonly stallMs?: number;
  /** more to say when it gives up, from what was last seen (where a stalled flow stopped) */
  readonly explain?: (last: T | undefined) => Promise<string>;
}

/**
 * Polls `probe` until `until` accepts its result, instead of sleeping: fast when the outcome
 * comes early, and a failure that says what was expected and what was last seen when it doesn't.
 */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  until: (value: T) => boolean,
  options: EventuallyOptions<T>,
): Promise<T> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 20_000);
  let last: T | undefined;
  let lastError: unknown;
  let best = -Infinity;
  let progressedAt = started;
  for (;;) {
    try {
      last = await probe();
      if (until(last)) return last;
      const progress = options.progress?.(last);
      if (progress !== undefined && progress > best) {
        best = progress;
        progressedAt = Date.now();
      }
    } catch (error) {
      lastError = error;
    }
    const now = Date.now();
    const stalled = options.stallMs !== undefined && now - progressedAt > options.stallMs;
    if (now > deadline || stalled) {
      const seen = lastError ? `error ${(lastError as Error).message}` : JSON.stringify(last, bigintSafe);
      const why = stalled
        ? `no progress for ${options.stallMs} ms (at ${best}, after ${now - started} ms)`
        : `timed out after ${options.timeoutMs ?? 20_000} ms`;
      const explained = options.explain ? `\n${await options.explain(last).catch((e: Error) => e.message)}` : '';
      throw new Error(`${why} waiting for ${options.expected}; last seen: ${seen}${explained}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
