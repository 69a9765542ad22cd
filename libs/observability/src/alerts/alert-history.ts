import { ALERT_THRESHOLDS } from './alert-catalogue';
import type { MetricsSnapshot } from './metrics-snapshot';

const MINUTE = 60_000;
/** a reading younger than this says too little about a trend (a slow handler may simply be busy) */
export const MIN_TREND_EVIDENCE_MS = MINUTE;
export const TREND_WINDOW_MS = ALERT_THRESHOLDS.trendWindowMinutes * MINUTE;

/**
 * The readings this process took (one per GET /admin/alerts), kept for the trend window: Prometheus
 * has a time series, a process has only the values of now, so "growing" and "nothing consumed"
 * compare now with the oldest kept reading from 1 to 10 minutes ago. Nothing runs in the
 * background: a process nobody asks keeps no history, and its trend alerts say so.
 */
export class AlertHistory {
  private readings: MetricsSnapshot[] = [];

  /** keeps `now` and returns the reading to compare it with, if one is old enough */
  record(now: MetricsSnapshot): MetricsSnapshot | undefined {
    this.readings = this.readings.filter((r) => now.at - r.at <= TREND_WINDOW_MS);
    const earlier = this.readings.find((r) => now.at - r.at >= MIN_TREND_EVIDENCE_MS);
    this.readings.push(now);
    return earlier;
  }
}
