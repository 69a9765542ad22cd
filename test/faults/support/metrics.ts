/**
 * Reads Prometheus text from the deployment's /metrics: the counters a scenario uses as evidence
 * that its fault really happened (handler failures, duplicates skipped).
 */
function series(text: string, metric: string, labels: Record<string, string>): Array<{ line: string; value: number }> {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .map((line) => ({ line, value: Number(line.split(' ').pop()) }));
}

/** event_handler_failures_total of `group`, by error code */
export function handlerFailures(text: string, group: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { line, value } of series(text, 'event_handler_failures_total', { group })) {
    const error = /error="([^"]*)"/.exec(line)?.[1] ?? '?';
    out[error] = (out[error] ?? 0) + value;
  }
  return out;
}

/** events_consumed_total by outcome (handled, duplicate, dead_lettered), of `group` or every group */
export function consumedByOutcome(text: string, group?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { line, value } of series(text, 'events_consumed_total', group === undefined ? {} : { group })) {
    const outcome = /outcome="([^"]*)"/.exec(line)?.[1] ?? '?';
    out[outcome] = (out[outcome] ?? 0) + value;
  }
  return out;
}
