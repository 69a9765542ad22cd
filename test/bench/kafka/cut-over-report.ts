import { formatCount, type Summary } from '../percentiles';
import type { CutOverConfig } from './kafka-bench-config';
import type { CutOverResult } from './cut-over';
import type { RollingRestartResult } from './rolling-restart';
import { GAP_TARGET_MS } from './rolling-report';

/**
 * Printing only: phase D's figures. Issue 12 sets no target for the cut-over's pause, so it is
 * printed beside a reference instead: the rolling restart's longest gap in the same run (the
 * other planned pause of a context's group), or phase C's 2 s target when phase C did not run.
 */
const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const p = (s: Summary | undefined): string =>
  s ? `${formatCount(s.p50)} / ${formatCount(s.p99)} ms (n=${s.count})` : 'no confirmed orders';

export function cutOverHeader(config: CutOverConfig): string {
  return (
    `  -- D. cut-over of ${config.context} to its shadow: ${config.rate} orders/s steady; migrate shadow into a second scratch ` +
    `database, the shadow runs ${config.seconds} s beside the live, then docs/deploy.md's cut-over (stop the live, the shadow ` +
    `catches up and stops, migrate cut-over, start without SHADOW); ${config.seconds} s of load after the new deployment is ready`
  );
}

/**
 * the pause, from the live's last record to the new deployment's first, and the steps it is made
 * of; the last can be negative: the consumer may start a poll interval before /health/ready is seen
 */
export function pauseMs(r: CutOverResult): number | undefined {
  return r.lastLive !== undefined && r.firstPromoted !== undefined ? r.firstPromoted - r.lastLive : undefined;
}

export function pauseParts(r: CutOverResult): Array<{ readonly part: string; readonly ms: number }> {
  const exitAt = r.stopAt + r.steps.liveExit;
  const { joinMs, tookMs } = r.output;
  const said =
    tookMs === undefined
      ? ''
      : ` (it says it took ${sec(tookMs)}${joinMs === undefined ? '' : `, ${sec(joinMs)} of it joining both groups`}; the rest is its process's start)`;
  return [
    ...(r.lastLive === undefined ? [] : [{ part: `the live's last record -> its exit`, ms: exitAt - r.lastLive }]),
    { part: 'the shadow catching up (compare shows no lag)', ms: r.steps.catchUp },
    { part: 'the shadow stopping', ms: r.steps.shadowExit },
    { part: `npm run migrate -- cut-over${said}`, ms: r.steps.command },
    { part: 'the new process, spawn -> ready', ms: r.steps.start },
    ...(r.firstPromoted === undefined
      ? []
      : [{ part: "ready (as the bench's poll saw it) -> its first record", ms: r.firstPromoted - r.readyAt }]),
  ];
}

/** what phase D's pause is compared with, and why that */
export function pauseReference(rolling: RollingRestartResult | undefined): { ms: number; what: string } {
  const gaps = (rolling?.restarts ?? []).flatMap((r) => (r.gaps[0] ? [r.gaps[0].ms] : []));
  if (gaps.length > 0)
    return {
      ms: Math.max(...gaps),
      what: `the rolling restart's longest gap in this run (${rolling?.config.context})`,
    };
  return { ms: GAP_TARGET_MS, what: `the rolling restart's target (phase C did not run)` };
}

export function cutOverLines(r: CutOverResult, rolling: RollingRestartResult | undefined): string[] {
  const pause = pauseMs(r);
  const reference = pauseReference(rolling);
  const e = r.effects;
  return [
    `  shadow: migrate shadow took ${r.shadowCopySeconds.toFixed(1)} s (its process, wall), the shadow ready ${r.shadowStartSeconds.toFixed(1)} s after spawn; ` +
      `${r.placed} orders placed in phase D${r.failures.size > 0 ? `, refused: ${[...r.failures].map(([k, n]) => `${k} x${n}`).join(', ')}` : ''}`,
    pause === undefined
      ? `  processing pause of the ${r.config.context} group: not measured (no record ${r.lastLive === undefined ? 'from the live' : 'from the new deployment'})`
      : `  processing pause of the ${r.config.context} group: ${sec(pause)}, from the live's last processed record to the new deployment's first ` +
        `(both inboxes); no target in issue 12, reference: ${reference.what}, ${sec(reference.ms)}`,
    `    made of: ${pauseParts(r)
      .map((part) => `${part.part} ${sec(part.ms)}`)
      .join('; ')}`,
    `    place -> CONFIRMED p50 / p99: the ${r.config.seconds} s before the stop ${p(r.before)}; stop to ready ${p(r.during)} ` +
      `(${r.config.context} is not on the confirmation path: it should be unaffected)`,
    `    ${r.config.context}'s effects: ${formatCount(e.confirmed)} orders of the run confirmed, ${e.lost} without a credit in the new ledger (lost), ` +
      `${e.extra} credits for orders not confirmed; the new deployment handled ${e.handled} records, ${e.duplicates} duplicates (applied twice: 0 expected)`,
  ];
}

/** the line beside the comparison table, where the placeholder was */
export function cutOverSummaryLine(
  r: CutOverResult | undefined,
  rolling: RollingRestartResult | undefined,
  failed?: string,
): string {
  if (failed) return `  cut-over pause (npm run migrate -- cut-over): failed, ${failed.split('\n')[0]}`;
  if (!r) return '  cut-over pause: not run (BENCH_KAFKA_CUTOVER_CONTEXT=none, or no split deployment)';
  const pause = pauseMs(r);
  const reference = pauseReference(rolling);
  return (
    `  cut-over pause of ${r.config.context} (npm run migrate -- cut-over): ${pause === undefined ? 'n/a' : sec(pause)} ` +
    `(no target given; reference ${sec(reference.ms)}, ${reference.what}), place -> CONFIRMED p99 ` +
    `${r.before ? formatCount(r.before.p99) : 'n/a'} ms before, ${r.during ? formatCount(r.during.p99) : 'n/a'} ms during; ` +
    `${r.effects.lost} lost, ${r.effects.extra + r.effects.duplicates} applied twice or extra`
  );
}
