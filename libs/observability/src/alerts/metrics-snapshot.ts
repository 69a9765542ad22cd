import type { Registry } from 'prom-client';

export interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The values of some metrics at one moment, as the process's own registry reported them. */
export interface MetricsSnapshot {
  /** epoch ms */
  readonly at: number;
  series(metric: string): readonly Sample[];
}

export function snapshotOf(at: number, metrics: Readonly<Record<string, readonly Sample[]>>): MetricsSnapshot {
  return { at, series: (metric) => metrics[metric] ?? [] };
}

/**
 * Reads the registry as a scrape would: `getMetricsAsJSON` runs the gauges' collectors (the
 * database and broker reads of platform-metrics.ts), sharing a refresh with a concurrent scrape.
 */
export async function readSnapshot(
  registry: Registry,
  names: ReadonlySet<string>,
  at: number,
): Promise<MetricsSnapshot> {
  const metrics: Record<string, Sample[]> = {};
  for (const metric of await registry.getMetricsAsJSON()) {
    if (!names.has(metric.name)) continue;
    metrics[metric.name] = metric.values.map((v) => ({
      value: v.value,
      labels: Object.fromEntries(Object.entries(v.labels).map(([k, l]) => [k, String(l)])),
    }));
  }
  return snapshotOf(at, metrics);
}
