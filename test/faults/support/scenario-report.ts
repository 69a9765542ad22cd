import { formatResults } from '../../../scripts/invariants/report';
import { checkOneDatabase, type DatabaseCheck } from '../../../scripts/invariants/check-one-database';
import type { Deployment } from './deployment';
import { scaleNote } from './fault-transport';
import type { TrafficResult } from './order-traffic';
import type { FlowState } from './settle';

export type ScenarioOutcome = DatabaseCheck;

/** the invariant checker over the deployment's database, with the platform at rest (settle 0) */
export async function checkDeployment(d: Deployment, accepted: readonly string[]): Promise<ScenarioOutcome> {
  return checkOneDatabase(d.url, accepted);
}

/** what every scenario prints: orders driven, the fault injected, how it ended, the invariants table */
export function reportScenario(report: {
  readonly scenario: string;
  readonly d: Deployment;
  readonly traffic: TrafficResult;
  readonly injected: string;
  readonly settled: FlowState;
  readonly outcome: ScenarioOutcome;
  readonly notes?: string[];
}): void {
  const { d, traffic, settled, outcome } = report;
  const lines = [
    `[faults] ${report.scenario} on ${d.transport}, processes ${JSON.stringify(d.topology)}`,
    `  drove ${traffic.accepted.length + Object.values(traffic.failed).reduce((a, b) => a + b, 0)} orders${scaleNote(d.transport)}: ${traffic.accepted.length} accepted (202); never accepted: ${JSON.stringify(traffic.failed)}; ` +
      `client retries: ${JSON.stringify(traffic.retried)}`,
    `  injected: ${report.injected}`,
    `  settled: ${JSON.stringify(settled.orders)}; lost accepted orders: ${outcome.lost.length}`,
    ...(report.notes ?? []).map((note) => `  ${note}`),
    `  error-level log lines: ${JSON.stringify(grouped(d.errors()))}`,
    formatResults(outcome.invariants),
  ];
  console.log(lines.join('\n'));
}

/** the scenario passes only if nothing accepted was lost and every invariant holds */
export function expectIntact(outcome: ScenarioOutcome): void {
  expect(outcome.lost).toEqual([]);
  expect(outcome.invariants.filter((r) => !r.ok)).toEqual([]);
}

/** error messages with their numbers (offsets, ids, counts) masked, so alike lines add up */
function grouped(errors: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [message, n] of Object.entries(errors)) {
    if (message.startsWith('dead-lettered ')) {
      out['dead-lettered (see the dead letters)'] = (out['dead-lettered (see the dead letters)'] ?? 0) + n;
      continue;
    }
    const key = message
      .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')
      .replace(/\d+/g, '#')
      .slice(0, 120);
    out[key] = (out[key] ?? 0) + n;
  }
  return out;
}
