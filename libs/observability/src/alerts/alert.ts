import type { MetricsSnapshot } from './metrics-snapshot';

export type AlertSeverity = 'warning' | 'critical';
export type AlertState = 'firing' | 'quiet';

/** What an evaluator decides from: the metrics now, and an earlier reading for the trend alerts. */
export interface AlertInputs {
  readonly now: MetricsSnapshot;
  /**
   * The oldest reading this process kept from between MIN_TREND_EVIDENCE and TREND_WINDOW ago
   * (alert-history.ts); undefined until one exists. Alerts on a trend stay quiet without it.
   */
  readonly earlier?: MetricsSnapshot;
}

/** The in-process verdict: whether the condition holds now (`for` ignored), and the values that decided it. */
export interface AlertVerdict {
  readonly firing: boolean;
  readonly details: string[];
}

/**
 * One alert, stated once: the Prometheus rule (docker/prometheus/alerts.yml is generated from it)
 * and the in-process evaluator behind GET /admin/alerts read the same thresholds.
 */
export interface AlertDefinition {
  /** the Prometheus alert name; its section in docs/operations.md is `#<name in lower case>` */
  readonly name: string;
  readonly severity: AlertSeverity;
  /** one line, no label templates: the console shows it */
  readonly summary: string;
  /** the Prometheus annotation, with `{{ $labels.x }}` templates naming the series that fires */
  readonly description: string;
  /** what to do first: the console page or CLI command, and the docs section */
  readonly runbook: string;
  readonly expr: string;
  /** how long the expression must hold before Prometheus fires (its `for`) */
  readonly for: string;
  /** whether the condition holds now in this process; ignores `for` */
  evaluate(inputs: AlertInputs): AlertVerdict;
}

/** where an alert's runbook section is */
export function docsAnchorOf(alert: Pick<AlertDefinition, 'name'>): string {
  return `docs/operations.md#${alert.name.toLowerCase()}`;
}
