import { formatSummary, summarise } from '../percentiles';

/**
 * What the operator console asks of the platform while its pages are open, each at the rate its
 * page polls (libs/console/web/pages): a benchmark run with BENCH_ORDERS_CONSOLE=true makes these
 * calls through phase B, so its CPU per order, beside a run without, says what an open console
 * costs under load (docs/console.md, "Cost under load").
 */
const CONSOLE_POLLS: ReadonlyArray<{ readonly path: string; readonly everyMs: number }> = [
  { path: '/admin/console/flow', everyMs: 2_000 },
  { path: '/admin/alerts', everyMs: 5_000 },
  { path: '/admin/dead-letters?limit=50', everyMs: 5_000 },
];

export interface ConsoleWatch {
  stop(): Promise<void>;
  /** one line per endpoint: calls, failures and latency */
  report(): string[];
}

export function watchLikeTheConsole(baseUrl: string, adminToken: string): ConsoleWatch {
  const latencies = new Map<string, number[]>(CONSOLE_POLLS.map((p) => [p.path, []]));
  const failures = new Map<string, string[]>(CONSOLE_POLLS.map((p) => [p.path, []]));
  const inFlight = new Set<Promise<void>>();
  const ask = (path: string) => {
    const started = performance.now();
    const call = fetch(baseUrl + path, { headers: { Authorization: `Bearer ${adminToken}` } })
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.ok) latencies.get(path)!.push(performance.now() - started);
        else failures.get(path)!.push(`HTTP ${response.status}`);
      })
      .catch((error: Error) => void failures.get(path)!.push(error.message))
      .finally(() => inFlight.delete(call));
    inFlight.add(call);
  };
  const timers = CONSOLE_POLLS.map(({ path, everyMs }) => {
    ask(path);
    return setInterval(() => ask(path), everyMs);
  });
  return {
    async stop() {
      timers.forEach(clearInterval);
      await Promise.all(inFlight);
    },
    report: () =>
      CONSOLE_POLLS.map(({ path, everyMs }) => {
        const failed = failures.get(path)!;
        const why = failed.length > 0 ? `, ${failed.length} failed (${[...new Set(failed)].join('; ')})` : '';
        return `  console: GET ${path} every ${everyMs / 1000} s: ${formatSummary(summarise(latencies.get(path)!))}${why}`;
      }),
  };
}
