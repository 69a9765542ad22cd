import type { Ceiling } from './pgbench-ceiling';
import { formatCpu, type CpuUse } from './machine';
import { formatCount, formatSummary } from './percentiles';
import type { LatencyResult, ThroughputResult } from './relay-phases';

/** Printing only: every figure here was measured in relay-phases.ts. */
const out = (line = ''): void => console.log(line);
const pct = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(1).padStart(5)}%`;
const ms = (value: number): string => `${value.toFixed(0).padStart(7)} ms`;

export function printThroughput(t: ThroughputResult): void {
  const perDrain = t.drains.length ? t.published / t.drains.length : 0;
  out(
    `  pre-filled ${formatCount(t.events)} events in ${formatCount(t.prefill.transactions)} transactions: ${(t.prefill.ms / 1000).toFixed(2)} s (${formatCount((t.events / t.prefill.ms) * 1000)} events/s written)`,
  );
  out(
    `  relayed ${formatCount(t.published)} events in ${(t.ms / 1000).toFixed(2)} s: ${formatCount(t.eventsPerSecond)} events/s  (${t.drains.length} drains, ${perDrain.toFixed(0)} events per drain)`,
  );
  if (t.pendingAfter > 0)
    out(`  !! ${formatCount(t.pendingAfter)} rows still unpublished when the phase ended (timed out)`);
  out(`  CPU during the relay: ${formatCpu(t.cpu)}`);
  warnIfContended(t.cpu);
}

/** other work on the machine skews every figure; say so next to them */
function warnIfContended(cpu: CpuUse): void {
  if (cpu.otherPct !== undefined && cpu.otherPct > 20) {
    out(
      `  !! other processes used ~${cpu.otherPct.toFixed(0)}% of a core meanwhile: figures are low; rerun on a quiet machine`,
    );
  }
}

export function printLatency(l: LatencyResult): void {
  out(
    `  sent ${formatCount(l.sent)} events in ${(l.sendMs / 1000).toFixed(1)} s (${formatCount((l.sent / l.sendMs) * 1000)}/s achieved of ${formatCount(l.rate)}/s), seen by the consumer: ${formatCount(l.seen)}`,
  );
  out(`  commit returned -> consumer read it:  ${formatSummary(l.latency)}`);
  out(`  writer transaction (1 event):         ${formatSummary(l.commit)}`);
  out(
    `  relay: ${l.drains} drains, ${(l.drainedEvents / Math.max(1, l.drains)).toFixed(1)} events per drain, ${l.blockedDrains} drains found rows waiting for an older transaction`,
  );
  out(
    `  relay drain duration:                 ${formatSummary(l.drainMs)}; its pending-rows query ${l.selectMs.toFixed(2)} ms on average`,
  );
  out(`  CPU: ${formatCpu(l.cpu)}`);
  warnIfContended(l.cpu);
}

export function printCeiling(ceiling: Ceiling, relayEventsPerSecond: number | undefined): void {
  if ('skipped' in ceiling) {
    out(`  skipped: ${ceiling.skipped}`);
    return;
  }
  out(`  ${ceiling.command}`);
  out(`  ${formatCount(ceiling.tps)} single-row commits/s (${ceiling.clients} clients, ${ceiling.seconds} s)`);
  if (relayEventsPerSecond !== undefined) {
    out(
      `  relay events/s / pgbench commits/s = ${formatCount(relayEventsPerSecond)} / ${formatCount(ceiling.tps)} = ${(relayEventsPerSecond / ceiling.tps).toFixed(2)}`,
    );
  }
}

/** The throughput phase's wall time, split by what each drain was waiting for. */
export function printWhereTimeGoes(label: string, t: ThroughputResult): void {
  const drainMs = t.drains.reduce((sum, d) => sum + d.ms, 0);
  const bucket = (m: Map<string, { ms: number; calls: number }>, name: string) => m.get(name) ?? { ms: 0, calls: 0 };
  const relaySql = [...t.relayBuckets.values()].reduce((sum, b) => sum + b.ms, 0);
  const logSql = [...t.logBuckets.values()].reduce((sum, b) => sum + b.ms, 0);
  out(`  ${label}: ${formatCount(t.published)} events, wall ${ms(t.ms).trim()}, ${t.drains.length} drains`);
  const line = (name: string, value: number, extra = ''): void =>
    out(`    ${name.padEnd(38)} ${ms(value)} ${pct(value, t.ms)}${extra ? `  ${extra}` : ''}`);
  const each = (b: { ms: number; calls: number }): string =>
    b.calls ? `${b.calls} calls, ${(b.ms / b.calls).toFixed(2)} ms each` : '';
  const relayLine = (name: string, label = name): void => {
    const b = bucket(t.relayBuckets, name);
    if (b.calls) line(label, b.ms, each(b));
  };
  relayLine('lock lanes');
  relayLine('select pending');
  line(
    'publish (in-process log append)',
    t.publishMs,
    `${t.publishMs ? ((t.published / t.publishMs) * 1000).toFixed(0) : 0} events/s while appending`,
  );
  for (const name of ['offsets (partition_heads)', 'insert log rows', 'begin+commit']) {
    line(`  ${name}`, bucket(t.logBuckets, name).ms, each(bucket(t.logBuckets, name)));
  }
  line('  publisher JS, pool checkout', t.publishMs - logSql);
  relayLine('mark published');
  relayLine('begin+commit', 'relay begin+commit');
  relayLine('other', 'other relay SQL');
  line('relay JS, pool checkout, metrics', drainMs - relaySql - t.publishMs);
  line('between drains (relay loop idle)', t.ms - drainMs);
  const selects = t.relayCalls.filter((c) => c.name === 'select pending').map((c) => c.ms);
  if (selects.length >= 20) {
    const avg = (xs: number[]): string => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2);
    out(
      `    select pending per drain: first 10 drains ${avg(selects.slice(0, 10))} ms, last 10 ${avg(selects.slice(-10))} ms (backlog ${formatCount(t.events)} -> 0)`,
    );
  }
  out(`    (a query's time is its round trip seen from Node: server work, network, and the pg driver's encode/parse)`);
}
