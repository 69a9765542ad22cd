import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { measureCpu, type CpuUse } from '../machine';
import { summarise, type Summary } from '../percentiles';
import { ConfirmationWatch } from './confirmation-watch';
import type { OrdersBenchConfig } from './orders-bench-config';
import { placeAtRate, placeFlatOut, type OrderClient, type TrafficResult } from './order-traffic';
import type { PlatformDb, TimelineTimes } from './platform-db';
import type { PlatformProcess } from './platform-process';
import { cpuBetween, processesCpu } from './process-cpu';
import { WaitSampler } from './wait-sampler';

/** CPU while a phase ran: the machine-wide figures, and the platform's own share of them. */
export interface PhaseCpu extends CpuUse {
  /** the platform process, % of one core, and the part of it spent in the kernel */
  readonly platformPct?: number;
  readonly platformSystemPct?: number;
  /** the PostgreSQL backends serving the platform's connections, % of one core; none on PGlite (it runs inside the platform) */
  readonly backendsPct?: number;
  /** orders placed in the window, to give CPU per order */
  readonly orders?: number;
}

export interface FixedRateResult {
  readonly traffic: TrafficResult;
  readonly post?: Summary;
  /** HTTP side: POST sent -> first poll that saw the order CONFIRMED (upper bound, 20 ms polls) */
  readonly seen?: Summary;
  /** in the platform: the timeline's CONFIRMED `at` minus its PLACED `at` */
  readonly timeline?: Summary;
  readonly statuses: Map<string, number>;
  readonly unsettled: number;
  /** from the last answer to the last order leaving PENDING (ms): more than a poll means the platform fell behind */
  readonly settledAfterMs: number;
  readonly cpu: PhaseCpu;
}

/** Phase A: a steady arrival rate; every order is followed until it leaves PENDING. */
export async function runFixedRate(
  platform: PlatformProcess,
  db: PlatformDb,
  client: OrderClient,
  config: OrdersBenchConfig,
): Promise<FixedRateResult> {
  const watch = new ConfirmationWatch(db, 20);
  watch.start();
  const cpu = await cpuMeter(platform, db);
  const traffic = await placeAtRate(client, config.rate, config.seconds, (placed) => watch.add(placed));
  const placedBy = performance.now();
  await watch.drained(config.drainTimeoutSeconds * 1000);
  const settledAfterMs = performance.now() - placedBy;
  const cpuUse = await cpu();
  const unsettled = watch.waiting;
  await watch.stop();
  const ids = traffic.placed.map((p) => p.orderId);
  const confirmedSeen = [...watch.seen.values()].filter((s) => s.status === 'CONFIRMED').map((s) => s.ms);
  return {
    traffic,
    post: summarise(traffic.placed.map((p) => p.ms)),
    seen: summarise(confirmedSeen),
    timeline: summarise(placeToConfirm(await db.timelines(ids))),
    statuses: await db.statusesOf(ids),
    unsettled,
    settledAfterMs,
    cpu: { ...cpuUse, orders: traffic.placed.length },
  };
}

export interface FlatOutResult {
  readonly traffic: TrafficResult;
  readonly post?: Summary;
  readonly confirmed: number;
  /** in the platform: phase start -> the last CONFIRMED timeline entry (ms) */
  readonly wallMs?: number;
  /** HTTP side: phase start -> the first poll that found no order PENDING (ms) */
  readonly seenDrainedMs?: number;
  /** confirmations whose timeline entry falls inside the placing window */
  readonly confirmedWhilePlacing: number;
  readonly timeline?: Summary;
  readonly statuses: Map<string, number>;
  readonly cpu: PhaseCpu;
  /** the platform's database sessions over the phase, sampled every 100 ms (not on PGlite: one session, no pg_stat_activity) */
  readonly waits?: WaitSampler;
  /** CLOCK_MONOTONIC µs of the phase's start and of the drain being seen, to cut the CPU profile */
  readonly windowUs: { readonly from: number; readonly to: number };
}

/** Phase B: `concurrency` clients placing back to back; the phase ends when the last order is CONFIRMED. */
export async function runFlatOut(
  platform: PlatformProcess,
  db: PlatformDb,
  client: OrderClient,
  config: OrdersBenchConfig,
): Promise<FlatOutResult> {
  const from = monotonicUs();
  const startedWall = Date.now();
  const started = performance.now();
  const cpu = await cpuMeter(platform, db);
  const waits = db.embedded ? undefined : new WaitSampler(db);
  waits?.start();
  const traffic = await placeFlatOut(client, config.concurrency, config.seconds, config.maxOrders);
  const deadline = performance.now() + config.drainTimeoutSeconds * 1000;
  let seenDrainedMs: number | undefined;
  while (performance.now() < deadline) {
    if ((await db.pendingOrders()) === 0) {
      seenDrainedMs = performance.now() - started;
      break;
    }
    await sleep(50);
  }
  const to = monotonicUs();
  const cpuUse = await cpu();
  await waits?.stop();
  const ids = traffic.placed.map((p) => p.orderId);
  const times = await db.timelines(ids);
  const confirmedAt = times.flatMap((t) => (t.confirmedAt === undefined ? [] : [t.confirmedAt]));
  const last = confirmedAt.length ? Math.max(...confirmedAt) : undefined;
  return {
    traffic,
    post: summarise(traffic.placed.map((p) => p.ms)),
    confirmed: confirmedAt.length,
    wallMs: last === undefined ? undefined : last - startedWall,
    seenDrainedMs,
    confirmedWhilePlacing: confirmedAt.filter((at) => at <= startedWall + traffic.ms).length,
    timeline: summarise(placeToConfirm(times)),
    statuses: await db.statusesOf(ids),
    cpu: { ...cpuUse, orders: traffic.placed.length },
    waits,
    windowUs: { from, to },
  };
}

/** a few hundred orders first, so the figures start from a process whose code is compiled and pools are open */
export async function warmUp(client: OrderClient, db: PlatformDb, orders: number, rate: number): Promise<void> {
  await placeAtRate(client, rate, orders / rate);
  const deadline = performance.now() + 30_000;
  while ((await db.pendingOrders()) > 0 && performance.now() < deadline) await sleep(50);
}

function placeToConfirm(times: readonly TimelineTimes[]): number[] {
  return times.flatMap((t) => (t.confirmedAt === undefined ? [] : [t.confirmedAt - t.placedAt]));
}

/** starts measuring; the returned function ends the measurement */
async function cpuMeter(platform: PlatformProcess, db: PlatformDb): Promise<() => Promise<PhaseCpu>> {
  const backendPids = async (): Promise<number[]> => (db.embedded ? [] : db.backendPids());
  const backends = processesCpu(await backendPids());
  const machine = measureCpu();
  const before = platform.cpu();
  return async () => {
    const use = machine();
    const after = platform.cpu();
    const backendsMs = cpuBetween(backends, processesCpu(await backendPids()));
    const pct = (ms: number): number => (ms / use.wallMs) * 100;
    const platformMs = before && after ? after.userMs + after.systemMs - before.userMs - before.systemMs : undefined;
    const platformPct = platformMs === undefined ? undefined : pct(platformMs);
    const otherPct =
      use.otherPct !== undefined && platformPct !== undefined ? Math.max(0, use.otherPct - platformPct) : undefined;
    return {
      ...use,
      platformPct,
      platformSystemPct: before && after ? pct(after.systemMs - before.systemMs) : undefined,
      backendsPct: db.embedded ? undefined : pct(backendsMs),
      otherPct,
    };
  };
}

function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
