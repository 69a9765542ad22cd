import { describeLabels, type Grouped } from './alert-conditions';
import type { AlertVerdict } from './alert';

/**
 * The verdict of a threshold alert: firing when a series is above `threshold`; the details name
 * every such series, or when quiet the highest one (so an operator sees how close it is).
 */
export function aboveThreshold(
  series: readonly Grouped[],
  threshold: number,
  what: string,
  nothingReported: string,
): AlertVerdict {
  const above = series.filter((s) => s.value > threshold);
  if (above.length > 0) {
    return {
      firing: true,
      details: above.map((s) => `${describeLabels(s.labels)}: ${what} ${s.value} > ${threshold}`),
    };
  }
  if (series.length === 0) return { firing: false, details: [nothingReported] };
  const highest = series.reduce((a, b) => (b.value > a.value ? b : a));
  return {
    firing: false,
    details: [`highest ${what} ${highest.value} (${describeLabels(highest.labels)}), fires above ${threshold}`],
  };
}

/** the details of a trend alert that has no earlier reading to compare with */
export const NO_EARLIER_READING =
  'no reading of this process from 1 to 10 minutes ago yet to compare with: ask again in a minute';
