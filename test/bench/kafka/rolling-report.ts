import { formatCount, type Summary } from '../percentiles';
import type { RollingRestartConfig } from './kafka-bench-config';
import type { RestartResult, RollingRestartResult } from './rolling-restart';

/**
 * Printing only: phase C's figures beside their targets. The target for the gap is the case
 * study's: a rolling deploy paused processing for 30 s until cooperative rebalancing cut it under
 * 2 s. What the broker allows is printed beside it: the mock cluster holds every rebalance for
 * the session timeout minus 1 s (docs/adr/0022-rolling-restarts-on-kafka.md).
 */
export const GAP_TARGET_MS = 2_000;

export interface RollingBroker {
  readonly kind: 'mock' | 'external';
  /** KAFKA_SESSION_TIMEOUT_MS the platform ran with */
  readonly sessionTimeoutMs: number;
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const p = (s: Summary | undefined): string =>
  s ? `${formatCount(s.p50)} / ${formatCount(s.p99)} ms (n=${s.count})` : 'no confirmed orders';

export function rollingHeader(config: RollingRestartConfig): string {
  return (
    `  -- C. rolling restart of ${config.context}: two instances in its consumer group, ${config.rate} orders/s steady; ` +
    `one instance stopped with ${config.signals.join(', then ')}, started again and waited ready, ${config.seconds} s of load before and after` +
    (config.httpIntervalMs > 0
      ? `; a keep-alive HTTP client asks it every ${config.httpIntervalMs} ms until it exits`
      : '')
  );
}

/** what the broker makes the floor of a gap: one rebalance, on the mock cluster a fixed wait */
export function brokerFloor(broker: RollingBroker): string {
  if (broker.kind === 'external')
    return 'a real broker ends a rebalance once every member has rejoined (next heartbeat, KAFKA_HEARTBEAT_INTERVAL_MS)';
  const wait = Math.max(broker.sessionTimeoutMs - 1_000, 0);
  return (
    `the mock cluster holds each rebalance ${sec(wait)} (KAFKA_SESSION_TIMEOUT_MS ${formatCount(broker.sessionTimeoutMs)} - 1 s); ` +
    `a restart makes one (the new instance joins within the leave's wait) to three (it joins later; a late SyncGroup is refused)`
  );
}

export function restartLines(config: RollingRestartConfig, r: RestartResult, broker: RollingBroker): string[] {
  const [longest, ...next] = r.gaps;
  const at = (gapFrom: number): string => `${gapFrom >= r.signalAt ? '+' : ''}${sec(gapFrom - r.signalAt)}`;
  const verdict = longest && longest.ms < GAP_TARGET_MS ? 'met' : 'missed';
  const lines = [
    `  restart with ${r.signal}: exited in ${sec(r.stopMs)} (${r.exit}), the new instance ready ${sec(r.startMs)} after that`,
    longest
      ? `    longest gap in the ${config.context} group's progress: ${sec(longest.ms)}${longest.open ? ' or more (still open at the window end)' : ''}, ` +
        `from ${at(longest.fromMs)} after the signal; target < ${sec(GAP_TARGET_MS)}: ${verdict}; ${brokerFloor(broker)}`
      : `    no records in the window`,
    `    next longest: ${next.map((g) => `${sec(g.ms)} from ${at(g.fromMs)}`).join(', ') || 'none'}; ` +
      `longest in the ${config.seconds} s before the signal: ${r.baselineGap ? sec(r.baselineGap.ms) : 'n/a'}`,
    `    place -> CONFIRMED p50 / p99: before the signal ${p(r.before)}; signal to ready + the load after ${p(r.during)}` +
      (r.unconfirmed > 0 ? `; ${r.unconfirmed} placed in the window not CONFIRMED` : ''),
  ];
  if (r.http)
    lines.push(
      `    keep-alive client on the restarting instance: ${r.http.ok} answered, ${r.http.failed} refused or cut`,
    );
  return lines;
}

/** the lines beside the comparison table: one per restart (the cut-over's follows, cut-over-report.ts) */
export function summaryLines(result: RollingRestartResult | undefined): string[] {
  const lines = (result?.restarts ?? []).map(
    (r) =>
      `  rolling restart of ${result?.config.context} (${r.signal}): longest gap ${r.gaps[0] ? sec(r.gaps[0].ms) : 'n/a'} ` +
      `(target < ${sec(GAP_TARGET_MS)}), place -> CONFIRMED p99 ${r.before ? formatCount(r.before.p99) : 'n/a'} ms before, ` +
      `${r.during ? formatCount(r.during.p99) : 'n/a'} ms during`,
  );
  if (!result) lines.push('  rolling restart: not run (BENCH_KAFKA_ROLLING_CONTEXT=none, or no split deployment)');
  return lines;
}
