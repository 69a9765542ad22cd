import { formatCpu } from '../machine';
import { formatCount, formatSummary } from '../percentiles';
import type { Ceiling } from '../pgbench-ceiling';
import type { ProfileSummary } from './cpu-profile';
import type { DbActivity, TableWrites } from './db-activity';
import type { FixedRateResult, FlatOutResult, PhaseCpu } from './orders-phases';
import type { TrafficResult } from './order-traffic';
import type { RoundTripCost } from './round-trip-cost';
import type { WaitSampler } from './wait-sampler';
import { byPurpose, type StatementCount } from './query-census';

/** Printing only: every figure here was measured in orders-phases.ts, cpu-profile.ts or db-activity.ts. */
const out = (line = ''): void => console.log(line);
export const s = (ms: number | undefined): string => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const label = (text: string): string => `  ${text.padEnd(58)}`;

export function printFixedRate(a: FixedRateResult): void {
  printTraffic(a.traffic, `of ${formatCount(a.traffic.due)} scheduled`);
  out(`  sender: the latest request left ${a.traffic.maxSendLagMs.toFixed(1)} ms after its scheduled time`);
  out(`${label('POST /orders (sent -> 202 body read)')}${formatSummary(a.post)}`);
  out(`${label('place -> CONFIRMED, HTTP side (sent -> seen by 20 ms poll)')}${formatSummary(a.seen)}`);
  out(`${label('place -> CONFIRMED, in the platform (timeline)')}${formatSummary(a.timeline)}`);
  out(`  outcome: ${statuses(a.statuses)}${a.unsettled ? `; ${a.unsettled} still PENDING at the drain timeout` : ''}`);
  const behind = a.settledAfterMs > 1000 ? ': the platform fell behind the arrival rate' : '';
  out(`  the last order left PENDING ${s(a.settledAfterMs)} after the last POST was answered${behind}`);
  printCpu(a.cpu);
}

export function printFlatOut(b: FlatOutResult): void {
  printTraffic(b.traffic, `(${formatCount((b.traffic.placed.length / b.traffic.ms) * 1000)}/s accepted)`);
  out(`${label('POST /orders (sent -> 202 body read)')}${formatSummary(b.post)}`);
  out(
    `  confirmed ${formatCount(b.confirmed)}; the last ${s(b.wallMs)} after the phase began (timeline), ` +
      `no order PENDING seen at ${s(b.seenDrainedMs)} (SQL poll every 50 ms)`,
  );
  out(
    `  carried POST -> CONFIRMED: ${formatCount(carried(b) ?? 0)} orders/s (confirmed / time to the last confirmation)`,
  );
  const placingS = b.traffic.ms / 1000;
  out(
    `  while placing (${placingS.toFixed(1)} s): ${formatCount(b.confirmedWhilePlacing)} confirmed ` +
      `(${formatCount(b.confirmedWhilePlacing / placingS)}/s), ` +
      `${formatCount(b.traffic.placed.length - b.confirmedWhilePlacing)} accepted but not yet confirmed when placing stopped`,
  );
  if (b.wallMs !== undefined && b.wallMs > b.traffic.ms + 1000) {
    const after = b.confirmed - b.confirmedWhilePlacing;
    const afterS = (b.wallMs - b.traffic.ms) / 1000;
    out(
      `  after placing stopped: ${formatCount(after)} confirmed in ${afterS.toFixed(1)} s (${formatCount(after / afterS)}/s, the saga alone without POSTs competing)`,
    );
  }
  out(`${label('place -> CONFIRMED under this load (timeline)')}${formatSummary(b.timeline)}`);
  out(`  outcome: ${statuses(b.statuses)}`);
  printCpu(b.cpu);
}

export function carried(b: FlatOutResult): number | undefined {
  return b.wallMs ? (b.confirmed / b.wallMs) * 1000 : undefined;
}

function printTraffic(t: TrafficResult, extra: string): void {
  const failures = [...t.failures].map(([status, n]) => `${n} x ${status}`).join(', ') || 'none';
  out(`  placed ${formatCount(t.placed.length)} orders (202) ${extra} in ${s(t.ms)}; refused or failed: ${failures}`);
}

function statuses(m: Map<string, number>): string {
  return [...m].map(([status, n]) => `${status} ${formatCount(n)}`).join(', ') || 'none';
}

export function printCpu(cpu: PhaseCpu): void {
  const f = (value: number | undefined): string => (value === undefined ? 'n/a' : `${value.toFixed(0)}%`);
  // no backends on PGlite: the database runs inside the platform process, so its figure is all of it
  const backends =
    cpu.backendsPct === undefined
      ? 'PGlite inside it, no separate backends'
      : `the postgres backends serving it ${f(cpu.backendsPct)}`;
  out(
    `  CPU, % of one core: platform process ${f(cpu.platformPct)} (kernel ${f(cpu.platformSystemPct)} of it), ` +
      `${backends}; ${formatCpu(cpu).replace('Node process', 'load generator (this process)')}`,
  );
  const orders = cpu.orders;
  if (orders && cpu.platformPct !== undefined) {
    const perOrder = (p: number): string => `${(((p / 100) * cpu.wallMs) / orders).toFixed(1)} ms`;
    const theirs = cpu.backendsPct === undefined ? '' : `, its postgres backends ${perOrder(cpu.backendsPct)}`;
    out(
      `  CPU per order placed in the window: platform ${perOrder(cpu.platformPct)}${theirs} ` +
        `(${formatCount(orders)} orders in ${s(cpu.wallMs)})`,
    );
  }
  if (cpu.otherPct !== undefined && cpu.otherPct > 20) {
    out(
      `  !! other processes used ~${cpu.otherPct.toFixed(0)}% of a core meanwhile (postgres work for other databases included): ` +
        `figures are low; rerun on a quiet machine`,
    );
  }
}

export function printCeiling(ceiling: Ceiling, ordersPerSecond: number | undefined, commitsPerOrder?: number): void {
  if ('skipped' in ceiling) {
    out(`  skipped: ${ceiling.skipped}`);
    return;
  }
  out(`  ${ceiling.command}`);
  out(`  ${formatCount(ceiling.tps)} single-row commits/s (${ceiling.clients} clients, ${ceiling.seconds} s)`);
  if (ordersPerSecond === undefined) return;
  out(
    `  orders/s carried / pgbench commits/s = ${formatCount(ordersPerSecond)} / ${formatCount(ceiling.tps)} = ${(ordersPerSecond / ceiling.tps).toFixed(3)}`,
  );
  if (commitsPerOrder) {
    out(
      `  at ${commitsPerOrder.toFixed(1)} database transactions per order (below), the commit ceiling alone would allow ~${formatCount(ceiling.tps / commitsPerOrder)} orders/s`,
    );
  }
}

export function printProfile(p: ProfileSummary, cpu: PhaseCpu, top = 15): void {
  out(
    `  platform process, --cpu-prof over phase B (${s(p.windowMs)} sampled): event loop busy ${pct(p.busyMs, p.windowMs)} ` +
      `of the time, idle ${pct(p.idleMs, p.windowMs)}; /proc says it ran on a CPU ${pct((cpu.platformPct ?? 0) / 100, 1)} ` +
      `of the time, ${pct((cpu.platformSystemPct ?? 0) / (cpu.platformPct || 1), 1)} of that in the kernel`,
  );
  out(
    cpu.backendsPct === undefined
      ? `  (busy but not running = waiting for a core. PGlite is the wasm functions and @electric-sql/pglite; ` +
          `writev/writeBuffer are socket writes, to pglite-socket in this same process and to HTTP clients)`
      : `  (busy but not running = waiting for a core. writev/writeBuffer are the socket writes, one per statement and per HTTP answer;` +
          ` their samples include that wait, since a write wakes a postgres backend that may take the core)`,
  );
  out(`  top ${top} functions by self time (% of busy time):`);
  for (const f of p.byFunction.slice(0, top)) {
    const where = f.owner === f.name ? '' : `  ${f.owner}`;
    out(`    ${pct(f.ms, p.busyMs).padStart(6)} ${`${f.ms.toFixed(0)} ms`.padStart(9)}  ${f.name}${where}`);
  }
  out(`  self time by package or file (% of busy time):`);
  for (const o of p.byOwner.slice(0, 12)) {
    out(`    ${pct(o.ms, p.busyMs).padStart(6)} ${`${o.ms.toFixed(0)} ms`.padStart(9)}  ${o.owner}`);
  }
}

export function printDbActivity(
  a: DbActivity & { writes: TableWrites[] },
  orders: number,
  benchStatements: number,
): void {
  const platformCommits = a.commits - benchStatements;
  const per = (n: number): string => (n / orders).toFixed(2).padStart(7);
  out(
    `  ${formatCount(orders)} orders placed in the phase B process (warm-up included), its side effects drained before it stopped:`,
  );
  out(
    `  transactions: ${formatCount(platformCommits)} committed (${(platformCommits / orders).toFixed(1)} per order; read-only ones included, ` +
      `the benchmark's own ${formatCount(benchStatements)} queries excluded), ${formatCount(a.rollbacks)} rolled back`,
  );
  out(`  rows written per order, by table        inserted updated deleted`);
  for (const w of a.writes.slice(0, 14)) out(`    ${w.table.padEnd(36)} ${per(w.ins)} ${per(w.upd)} ${per(w.del)}`);
}

export function printWaits(waits: WaitSampler): void {
  out(
    `  the platform's database sessions, sampled every 100 ms (${formatCount(waits.samples)} samples): ` +
      `${waits.idleSessions().toFixed(1)} idle on average; of the time the others spent in a transaction or a statement:`,
  );
  const line = (w: { share: number; sessions: number; state: string }): void =>
    out(`    ${pct(w.share, 1).padStart(6)}  ${w.sessions.toFixed(1).padStart(5)} sessions  ${w.state}`);
  waits.sharesByState().slice(0, 6).forEach(line);
  out(`  the same by the session's current or last statement (top 10):`);
  waits.shares().slice(0, 10).forEach(line);
}

export function printCensus(census: readonly StatementCount[], orders: number): void {
  const total = census.reduce((sum, c) => sum + c.calls, 0);
  const totalMs = census.reduce((sum, c) => sum + c.ms, 0);
  out(
    `  statements the platform sent (pg driver census, phase B until its side effects drained): ${formatCount(total)}, ` +
      `${(total / orders).toFixed(1)} per order placed in the phase`,
  );
  const line = (c: StatementCount, width: number): void =>
    out(
      `    ${(c.calls / orders).toFixed(2).padStart(7)}/order ${`${(c.ms / c.calls).toFixed(2)} ms`.padStart(10)} ${pct(c.ms, totalMs).padStart(6)}  ${c.sql.slice(0, width)}`,
    );
  out(`  by purpose: statements per order, mean time from query() to answer, share of all statement time`);
  byPurpose(census).forEach((c) => line(c, 60));
  out(`  the 12 most frequent statements:`);
  [...census]
    .sort((a, b) => b.calls - a.calls)
    .slice(0, 12)
    .forEach((c) => line(c, 100));
}

/** the census's statements per order, priced at the trivial round trip's cost, beside the CPU measured per order */
export function printRoundTripFloor(cost: RoundTripCost, statementsPerOrder: number | undefined, cpu: PhaseCpu): void {
  const backend = cost.backendUs === undefined ? 'n/a' : `${cost.backendUs.toFixed(0)} µs`;
  out(
    `  one trivial round trip (SELECT $1::int, ${formatCount(cost.count)} back to back on one connection, ${formatCount(cost.perSecond)}/s): ` +
      `${cost.nodeUs.toFixed(0)} µs of Node CPU and ${backend} of backend CPU`,
  );
  const orders = cpu.orders;
  if (statementsPerOrder === undefined || !orders || cpu.platformPct === undefined || cpu.backendsPct === undefined)
    return;
  const measured = (p: number): number => ((p / 100) * cpu.wallMs) / orders;
  const floorNode = (statementsPerOrder * cost.nodeUs) / 1000;
  const floorBackend = (statementsPerOrder * (cost.backendUs ?? 0)) / 1000;
  out(
    `  x ${statementsPerOrder.toFixed(1)} statements per order = ${floorNode.toFixed(1)} ms Node + ${floorBackend.toFixed(1)} ms backend, ` +
      `of the ${measured(cpu.platformPct).toFixed(1)} ms + ${measured(cpu.backendsPct).toFixed(1)} ms measured per order in phase B ` +
      `(${pct(floorNode + floorBackend, measured(cpu.platformPct) + measured(cpu.backendsPct))})`,
  );
}

export function pct(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : 'n/a';
}

export function verdict(value: number | undefined, limit: number, below: boolean, unit: string): string {
  if (value === undefined) return 'NOT MEASURED';
  const ok = below ? value < limit : value >= limit;
  return `${ok ? 'met' : 'MISSED'} (${value.toFixed(1)} ${unit}, target ${below ? '<' : '>='} ${limit} ${unit})`;
}
