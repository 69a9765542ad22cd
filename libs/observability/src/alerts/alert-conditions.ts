import type { MetricsSnapshot, Sample } from './metrics-snapshot';

/** One series after `max by (...)` or `sum by (...)`: the kept labels and the value. */
export interface Grouped {
  readonly key: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

function groupBy(
  samples: readonly Sample[],
  keys: readonly string[],
  fold: (a: number, b: number) => number,
): Grouped[] {
  const groups = new Map<string, Grouped>();
  for (const sample of samples) {
    const labels = Object.fromEntries(keys.map((k) => [k, sample.labels[k] ?? '']));
    const key = keys.map((k) => labels[k]).join('\u0000');
    const seen = groups.get(key);
    groups.set(key, { key, labels, value: seen ? fold(seen.value, sample.value) : sample.value });
  }
  return [...groups.values()];
}

/** PromQL's `max by (keys) (metric)`: replicas of one deployable all report a group's lag or a context's backlog */
export function maxBy(snapshot: MetricsSnapshot, metric: string, keys: readonly string[]): Grouped[] {
  return groupBy(snapshot.series(metric), keys, Math.max);
}

/** PromQL's `sum by (keys) (metric)` */
export function sumBy(snapshot: MetricsSnapshot, metric: string, keys: readonly string[]): Grouped[] {
  return groupBy(snapshot.series(metric), keys, (a, b) => a + b);
}

/** the value of the series with the same kept labels, if there is one */
export function valueOf(series: readonly Grouped[], key: string): number | undefined {
  return series.find((s) => s.key === key)?.value;
}

/** PromQL's `increase()` between two readings of a counter: a reset (a restart) counts from zero */
export function increaseOf(now: number, earlier: number | undefined): number {
  if (earlier === undefined || now < earlier) return now;
  return now - earlier;
}

/** `group=payments topic=orders.order-placed.v1` */
export function describeLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

export function ago(now: MetricsSnapshot, earlier: MetricsSnapshot): string {
  return `${Math.round((now.at - earlier.at) / 1000)} s ago`;
}
