import { formatCount, formatSummary, type Summary } from '../percentiles';
import { carried } from '../orders/orders-report';
import { profileIn, summariseProfile } from '../orders/cpu-profile';
import type { DeploymentResult } from './deployment-run';
import type { DeploymentKind } from './kafka-bench-config';

/** Printing only: the comparison table and where the time goes, from what deployment-run.ts measured. */
const out = (line = ''): void => console.log(line);

export const DEPLOYMENT_TITLES: Readonly<Record<DeploymentKind, string>> = {
  inprocess: 'monolith, in-process transport',
  kafka: 'monolith on Kafka',
  split: 'split services on Kafka (7 processes)',
};

const ms = (s: Summary | undefined, key: 'p50' | 'p99'): string => (s ? `${s[key].toFixed(0)} ms` : 'n/a');

export function printHops(r: DeploymentResult): void {
  out(`  where an order waits (timeline, phase A at ${formatCount(r.fixed.traffic.placed.length)} orders):`);
  out(`    PLACED -> STOCK_RESERVED     (orders -> inventory -> orders) ${formatSummary(r.fixedHops.stock)}`);
  out(`    PLACED -> PAYMENT_AUTHORIZED (orders -> payments -> orders)  ${formatSummary(r.fixedHops.payment)}`);
  out(`    PLACED -> CONFIRMED          (the later of the two)          ${formatSummary(r.fixedHops.confirmed)}`);
}

export function printHopLatencies(r: DeploymentResult, top = 14): void {
  if (r.hops.length === 0) return;
  out(
    `  hops between contexts in phase A (outbox created -> published by the relay -> recorded in the consumer's inbox), ms p50/p99:`,
  );
  out(
    `    ${'producer'.padEnd(14)} ${'topic'.padEnd(34)} ${'consumer'.padEnd(14)} ${'events'.padStart(6)} ${'relay'.padStart(13)} ${'delivery'.padStart(13)}`,
  );
  const pair = (a: number, b: number): string => `${a.toFixed(0)} / ${b.toFixed(0)}`;
  for (const h of r.hops.slice(0, top)) {
    out(
      `    ${h.producer.padEnd(14)} ${h.topic.padEnd(34)} ${h.consumer.padEnd(14)} ${String(h.events).padStart(6)} ` +
        `${pair(h.relayP50, h.relayP99).padStart(13)} ${pair(h.deliveryP50, h.deliveryP99).padStart(13)}`,
    );
  }
  if (r.hops.length > top) out(`    ... and ${r.hops.length - top} more`);
}

export function printCpuByProcess(r: DeploymentResult): void {
  const orders = r.flat.traffic.placed.length;
  if (orders === 0) return;
  const per = (msTotal: number): string => `${(msTotal / orders).toFixed(2)} ms`;
  const platform = r.cpu.filter((c) => !c.name.startsWith('broker')).reduce((sum, c) => sum + c.ms, 0);
  const broker = r.cpu.find((c) => c.name.startsWith('broker'));
  out(`  CPU per order over phase B (${formatCount(orders)} orders; /proc, user + kernel):`);
  for (const c of r.cpu) out(`    ${c.name.padEnd(24)} ${per(c.ms).padStart(9)}`);
  out(`    ${'postgres backends'.padEnd(24)} ${per(r.backendsMs).padStart(9)}`);
  out(
    `    ${'total'.padEnd(24)} ${per(platform + r.backendsMs + (broker?.ms ?? 0)).padStart(9)}  (platform ${per(platform)}, database ${per(r.backendsMs)}${broker ? `, broker ${per(broker.ms)}` : ''})`,
  );
}

export function printComparison(results: readonly DeploymentResult[], rate: number): void {
  out(`\n== Comparison ==`);
  out(
    `  ${'deployment'.padEnd(40)} ${'orders/s (B)'.padStart(12)} ${'p50 (A)'.padStart(9)} ${'p99 (A)'.padStart(9)} ${'p50 (B)'.padStart(9)} ${'p99 (B)'.padStart(9)} ${'CPU/order'.padStart(10)}`,
  );
  for (const r of results) {
    const orders = r.flat.traffic.placed.length;
    const cpu = r.cpu.reduce((sum, c) => sum + c.ms, 0) + r.backendsMs;
    out(
      `  ${DEPLOYMENT_TITLES[r.kind].padEnd(40)} ${formatCount(carried(r.flat) ?? 0).padStart(12)} ` +
        `${ms(r.fixed.timeline, 'p50').padStart(9)} ${ms(r.fixed.timeline, 'p99').padStart(9)} ` +
        `${ms(r.flat.timeline, 'p50').padStart(9)} ${ms(r.flat.timeline, 'p99').padStart(9)} ` +
        `${orders ? `${(cpu / orders).toFixed(1)} ms` : 'n/a'}`.padStart(10),
    );
  }
  out(
    `  orders/s: phase B, confirmed / time to the last confirmation. p50/p99: placement -> confirmation from the order's ` +
      `timeline (PLACED to CONFIRMED), in phase A at ${rate} orders/s and under phase B's full load. CPU/order: ` +
      `platform processes + postgres backends + the broker (mock cluster only) over phase B.`,
  );
  out(`  where the time goes, per deployment:`);
  for (const r of results) {
    const orders = r.flat.traffic.placed.length;
    const per = (v: number): string => (orders ? `${(v / orders).toFixed(1)} ms` : 'n/a');
    const platform = r.cpu.filter((c) => !c.name.startsWith('broker')).reduce((sum, c) => sum + c.ms, 0);
    const broker = r.cpu.find((c) => c.name.startsWith('broker'));
    out(
      `    ${DEPLOYMENT_TITLES[r.kind]}: CPU per order (phase B) platform ${per(platform)}, postgres ${per(r.backendsMs)}` +
        `${broker ? `, broker ${per(broker.ms)}` : ''}; per hop in phase A (median over hops of each hop's p50): ` +
        `relay ${median(r.hops.map((h) => h.relayP50))}, delivery ${median(r.hops.map((h) => h.deliveryP50))}`,
    );
  }
  for (const r of results) {
    const c = carried(r.flat);
    if (c !== undefined && rate > c)
      out(
        `  !! ${DEPLOYMENT_TITLES[r.kind]}: phase A's rate is above what it carried; its phase A latencies are a growing queue's`,
      );
  }
}

function median(values: readonly number[]): string {
  if (values.length === 0) return 'n/a';
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[Math.floor((sorted.length - 1) / 2)].toFixed(0)} ms`;
}

/**
 * BENCH_KAFKA_PROFILE_DIR: each platform process's `--cpu-prof` self time over phase B (written
 * when the deployment stopped), per order, by function and by package. The profiler adds CPU of
 * its own: read the shares, and take CPU per order from a run without it.
 */
export function printProfiles(r: DeploymentResult, root: string, top = 14): void {
  const orders = r.flat.traffic.placed.length;
  if (!r.profiles || orders === 0) return;
  const per = (v: number): string => `${(v / orders).toFixed(2)} ms`.padStart(9);
  for (const { name, dir } of r.profiles) {
    const file = profileIn(dir);
    if (!file) {
      out(`  ${name}: no CPU profile in ${dir}`);
      continue;
    }
    const p = summariseProfile(file, root, r.flat.windowUs.from, r.flat.windowUs.to);
    out(`  ${name}, --cpu-prof over phase B (${file}): busy ${per(p.busyMs)} per order; by function (self time):`);
    for (const f of p.byFunction.slice(0, top))
      out(`    ${per(f.ms)}  ${f.name}  ${f.owner === f.name ? '' : f.owner}`);
    out(`    by package or file:`);
    for (const o of p.byOwner.slice(0, 10)) out(`    ${per(o.ms)}  ${o.owner}`);
  }
}
