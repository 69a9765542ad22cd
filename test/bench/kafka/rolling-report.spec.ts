import type { RollingRestartConfig } from './kafka-bench-config';
import type { RestartResult } from './rolling-restart';
import { brokerFloor, restartLines, summaryLines } from './rolling-report';

const config: RollingRestartConfig = {
  context: 'payments',
  rate: 10,
  seconds: 8,
  signals: ['SIGTERM'],
  httpIntervalMs: 250,
};
const summary = (p50: number, p99: number, count: number) => ({ count, p50, p90: p99, p99, max: p99, mean: p50 });
const restart: RestartResult = {
  signal: 'SIGTERM',
  signalAt: 100_000,
  readyAt: 108_000,
  stopMs: 400,
  exit: 'code 0',
  startMs: 7_600,
  gaps: [
    { fromMs: 100_300, ms: 5_200, open: false },
    { fromMs: 107_900, ms: 4_900, open: false },
  ],
  baselineGap: { fromMs: 95_000, ms: 310, open: false },
  before: summary(320, 610, 80),
  during: summary(900, 5_600, 160),
  unconfirmed: 0,
  http: { ok: 40, failed: 2 },
};

describe('bench:kafka rolling-restart report', () => {
  it('prints the longest gap beside the 2 s target and what the mock cluster allows', () => {
    const lines = restartLines(config, restart, { kind: 'mock', sessionTimeoutMs: 6_000 }).join('\n');
    expect(lines).toContain(
      `longest gap in the payments group's progress: 5.20 s, from +0.30 s after the signal; target < 2.00 s: missed`,
    );
    expect(lines).toContain('the mock cluster holds each rebalance 5.00 s (KAFKA_SESSION_TIMEOUT_MS 6,000 - 1 s)');
    expect(lines).toContain('next longest: 4.90 s from +7.90 s; longest in the 8 s before the signal: 0.31 s');
    expect(lines).toContain(
      'before the signal 320 / 610 ms (n=80); signal to ready + the load after 900 / 5,600 ms (n=160)',
    );
    expect(lines).toContain('40 answered, 2 refused or cut');
  });

  it('names the heartbeat, not a fixed wait, as the floor on a real broker', () => {
    expect(brokerFloor({ kind: 'external', sessionTimeoutMs: 30_000 })).toMatch(/once every member has rejoined/);
  });

  it('summarises each restart beside the other figures, one line each', () => {
    const lines = summaryLines({ config, joinSeconds: 7, restarts: [restart], placed: 300, failures: new Map() });
    expect(lines[0]).toBe(
      '  rolling restart of payments (SIGTERM): longest gap 5.20 s (target < 2.00 s), place -> CONFIRMED p99 610 ms before, 5,600 ms during',
    );
    expect(lines).toHaveLength(1);
    expect(summaryLines(undefined)[0]).toMatch(/rolling restart: not run/);
  });
});
