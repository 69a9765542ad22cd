/** Nearest-rank summaries of a sample (latencies in ms), for the benchmark's report. */
export interface Summary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function summarise(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    count: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    mean: sum / sorted.length,
  };
}

export function formatSummary(summary: Summary | undefined, unit = 'ms'): string {
  if (!summary) return 'no samples';
  const f = (v: number): string => `${v.toFixed(v < 10 ? 2 : 1)} ${unit}`;
  return `p50 ${f(summary.p50)}  p90 ${f(summary.p90)}  p99 ${f(summary.p99)}  max ${f(summary.max)}  (n=${summary.count})`;
}

/** 12345.6 -> "12,346" */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
