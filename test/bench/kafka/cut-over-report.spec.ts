import type { CutOverResult } from './cut-over';
import { cutOverLines, cutOverSummaryLine, pauseMs, pauseParts, pauseReference } from './cut-over-report';
import type { RollingRestartResult } from './rolling-restart';

const summary = (p50: number, p99: number, count: number) => ({ count, p50, p90: p99, p99, max: p99, mean: p50 });
const cutOver: CutOverResult = {
  config: { context: 'loyalty', rate: 2, seconds: 5 },
  shadowCopySeconds: 4.2,
  shadowStartSeconds: 6.1,
  lastLive: 99_700,
  stopAt: 100_000,
  steps: { liveExit: 500, catchUp: 200, shadowExit: 300, command: 5_000, start: 6_000 },
  readyAt: 112_000,
  firstPromoted: 112_400,
  output: { joinMs: 3_030, tookMs: 3_220 },
  before: summary(300, 600, 10),
  during: summary(320, 640, 24),
  effects: { confirmed: 1_234, lost: 0, extra: 0, duplicates: 0, handled: 12 },
  placed: 44,
  failures: new Map(),
};
const rolling = (gapMs: number): RollingRestartResult => ({
  config: { context: 'payments', rate: 2, seconds: 8, signals: ['SIGTERM'], httpIntervalMs: 20 },
  joinSeconds: 7,
  restarts: [
    {
      signal: 'SIGTERM',
      signalAt: 0,
      readyAt: 0,
      stopMs: 0,
      exit: 'code 0',
      startMs: 0,
      gaps: [{ fromMs: 0, ms: gapMs, open: false }],
      unconfirmed: 0,
    },
  ],
  placed: 10,
  failures: new Map(),
});

describe('bench:kafka cut-over report', () => {
  it("measures the pause from the live inbox to the new deployment's, and splits it into steps that add up to it", () => {
    expect(pauseMs(cutOver)).toBe(12_700);
    const parts = pauseParts(cutOver);
    expect(parts.map((p) => p.ms)).toEqual([800, 200, 300, 5_000, 6_000, 400]);
    expect(parts.reduce((sum, p) => sum + p.ms, 0)).toBe(12_700);
    expect(parts[3].part).toBe(
      "npm run migrate -- cut-over (it says it took 3.22 s, 3.03 s of it joining both groups; the rest is its process's start)",
    );
  });

  it('compares the pause with the rolling restart of the same run, or with its 2 s target when there was none', () => {
    expect(pauseReference(rolling(5_200))).toEqual({
      ms: 5_200,
      what: "the rolling restart's longest gap in this run (payments)",
    });
    expect(pauseReference(undefined)).toEqual({
      ms: 2_000,
      what: "the rolling restart's target (phase C did not run)",
    });
  });

  it('prints the pause beside its reference, place -> CONFIRMED before and during, and what was lost or repeated', () => {
    const lines = cutOverLines(cutOver, rolling(5_200)).join('\n');
    expect(lines).toContain(
      "processing pause of the loyalty group: 12.70 s, from the live's last processed record to the new deployment's first " +
        "(both inboxes); no target in issue 12, reference: the rolling restart's longest gap in this run (payments), 5.20 s",
    );
    expect(lines).toContain(
      'the 5 s before the stop 300 / 600 ms (n=10); stop to ready 320 / 640 ms (n=24) (loyalty is not on the confirmation path: it should be unaffected)',
    );
    expect(lines).toContain('1,234 orders of the run confirmed, 0 without a credit in the new ledger (lost)');
    expect(lines).toContain('the new deployment handled 12 records, 0 duplicates');
  });

  it('puts the measured pause where the placeholder was, or says why there is none', () => {
    expect(cutOverSummaryLine(cutOver, rolling(5_200))).toBe(
      "  cut-over pause of loyalty (npm run migrate -- cut-over): 12.70 s (no target given; reference 5.20 s, the rolling restart's " +
        'longest gap in this run (payments)), place -> CONFIRMED p99 600 ms before, 640 ms during; 0 lost, 0 applied twice or extra',
    );
    expect(cutOverSummaryLine(undefined, undefined)).toMatch(/not run \(BENCH_KAFKA_CUTOVER_CONTEXT=none/);
    expect(cutOverSummaryLine(undefined, undefined, 'npm run migrate -- cut-over exited 1\nrefused')).toBe(
      '  cut-over pause (npm run migrate -- cut-over): failed, npm run migrate -- cut-over exited 1',
    );
  });
});
