import type { Registry } from 'prom-client';
import { ALERT_CATALOGUE, METRICS_READ_BY_ALERTS } from './alert-catalogue';
import { AlertHistory } from './alert-history';
import { docsAnchorOf, type AlertDefinition, type AlertSeverity, type AlertState } from './alert';
import { readSnapshot } from './metrics-snapshot';

export interface AlertNow {
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly state: AlertState;
  readonly summary: string;
  readonly runbook: string;
  readonly docs: string;
  readonly expr: string;
  readonly for: string;
  readonly details: string[];
}

/**
 * Which alerts of the catalogue would fire now, judged from this process's own metrics (the same
 * registry /metrics serves), ignoring each alert's `for`. A deployable sees only the contexts it
 * hosts; Prometheus, scraping them all, is the authority.
 */
export class AlertsNow {
  private readonly history = new AlertHistory();

  constructor(
    private readonly registry: Registry,
    private readonly catalogue: readonly AlertDefinition[] = ALERT_CATALOGUE,
    private readonly clock: () => number = Date.now,
  ) {}

  async evaluate(): Promise<AlertNow[]> {
    const now = await readSnapshot(this.registry, METRICS_READ_BY_ALERTS, this.clock());
    const earlier = this.history.record(now);
    return this.catalogue.map((alert) => {
      const verdict = alert.evaluate({ now, earlier });
      return {
        name: alert.name,
        severity: alert.severity,
        state: verdict.firing ? 'firing' : 'quiet',
        summary: alert.summary,
        runbook: alert.runbook,
        docs: docsAnchorOf(alert),
        expr: alert.expr,
        for: alert.for,
        details: verdict.details,
      };
    });
  }
}
