import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestEventV1Contract } from '@platform/testing';
import type { BackendPlan } from './bench-config';
import { BENCH_CONTEXT, type BenchStack } from './bench-stack';
import type { DrainSample } from './drain-profile';
import { LogTail, logHeads } from './log-tail';
import { measureCpu, type CpuUse } from './machine';
import { prefill, writeAtRate, type EventSource } from './outbox-writers';
import { summarise, type Summary } from './percentiles';

const RELAY_TIMEOUT_MS = 120_000;
const DELIVERY_TIMEOUT_MS = 15_000;

export interface ThroughputResult {
  readonly events: number;
  readonly prefill: { readonly ms: number; readonly transactions: number };
  /** relay start until the drain that published the last event had marked it */
  readonly ms: number;
  readonly published: number;
  readonly eventsPerSecond: number;
  readonly pendingAfter: number;
  readonly drains: readonly DrainSample[];
  readonly cpu: CpuUse;
  readonly publishMs: number;
  readonly relayBuckets: Map<string, { ms: number; calls: number }>;
  readonly relayCalls: ReadonlyArray<{ name: string; ms: number }>;
  readonly logBuckets: Map<string, { ms: number; calls: number }>;
}

/** Phase 1: a backlog of `plan.events` rows, then the relay alone, timed until the outbox is empty. */
export async function measureThroughput(
  stack: BenchStack,
  source: EventSource,
  plan: BackendPlan,
): Promise<ThroughputResult> {
  const filled = await prefill(stack, source, { total: plan.events, perTx: plan.eventsPerTx, writers: plan.writers });
  await stack.outboxDataSource.query(`ANALYZE ${BENCH_CONTEXT}.outbox`); // known statistics, so runs compare (docs/benchmarks.md)
  stack.drains.reset();
  stack.timedPublisher.reset();
  stack.relayQueries.reset();
  stack.logQueries.reset();
  stack.relayQueries.recording = true;
  stack.logQueries.recording = true;

  const cpu = measureCpu();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const snapshot = await new Promise<RelaySnapshot>((resolve) => {
    const finish = (): void => {
      stack.drains.onDrain(undefined);
      resolve(snapshotOf(stack, performance.now(), cpu()));
    };
    timer = setTimeout(finish, RELAY_TIMEOUT_MS);
    // taken synchronously at the end of the last drain, before the relay's loop can begin another
    stack.drains.onDrain(() => {
      if (stack.timedPublisher.published >= plan.events) finish();
    });
    stack.relay.start();
  });
  clearTimeout(timer);
  await stack.relay.stop();

  const [{ n }]: Array<{ n: string }> = await stack.outboxDataSource.query(
    `SELECT count(*) AS n FROM ${BENCH_CONTEXT}.outbox WHERE published_at IS NULL`,
  );
  const ms = snapshot.ended - started;
  return {
    ...snapshot,
    events: plan.events,
    prefill: filled,
    ms,
    eventsPerSecond: (snapshot.published / ms) * 1000,
    pendingAfter: Number(n),
  };
}

type RelaySnapshot = Pick<
  ThroughputResult,
  'published' | 'drains' | 'cpu' | 'publishMs' | 'relayBuckets' | 'relayCalls' | 'logBuckets'
> & { readonly ended: number };

function snapshotOf(stack: BenchStack, ended: number, cpu: CpuUse): RelaySnapshot {
  stack.relayQueries.recording = false;
  stack.logQueries.recording = false;
  return {
    ended,
    cpu,
    published: stack.timedPublisher.published,
    publishMs: stack.timedPublisher.ms,
    drains: [...stack.drains.samples],
    relayCalls: [...stack.relayQueries.calls],
    relayBuckets: new Map(stack.relayQueries.buckets),
    logBuckets: new Map(stack.logQueries.buckets),
  };
}

export interface LatencyResult {
  readonly rate: number;
  readonly sent: number;
  readonly sendMs: number;
  readonly seen: number;
  readonly latency?: Summary;
  readonly commit?: Summary;
  readonly drains: number;
  readonly blockedDrains: number;
  readonly drainedEvents: number;
  readonly drainMs?: Summary;
  /** mean ms of the relay's pending-rows query while writers were committing */
  readonly selectMs: number;
  readonly cpu: CpuUse;
}

/** Phase 2: the relay and a log consumer running while writers commit at a steady rate. */
export async function measureLatency(
  stack: BenchStack,
  source: EventSource,
  plan: BackendPlan,
): Promise<LatencyResult> {
  const topic = TestEventV1Contract.topic;
  // phase 1 left every row published: clean up and refresh statistics as autovacuum would by now,
  // so this phase measures a steady state rather than plans made for a full backlog
  await stack.outboxDataSource.query(`VACUUM ANALYZE ${BENCH_CONTEXT}.outbox`);
  const heads = await logHeads(stack.log, (sql, params) => stack.messagingDataSource.query(sql, params), topic);
  const tail = new LogTail(stack.log, stack.publisher, topic, heads, stack.platform.inprocessBatchSize);
  tail.start();
  stack.drains.reset();
  stack.relayQueries.reset();
  stack.relayQueries.recording = true;
  stack.relay.start();
  const cpu = measureCpu();
  const run = await writeAtRate(stack, source, {
    rate: plan.rate,
    seconds: plan.latencySeconds,
    writers: plan.writers,
  });
  const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
  const allSeen = (): boolean => [...run.committedAt.keys()].every((id) => tail.seenAt.has(id));
  while (!allSeen() && performance.now() < deadline) await sleep(20);
  const cpuUse = cpu();
  stack.relayQueries.recording = false;
  await stack.relay.stop();
  await tail.stop();
  const select = stack.relayQueries.get('select pending');

  const latencies: number[] = [];
  for (const [id, committed] of run.committedAt) {
    const seen = tail.seenAt.get(id);
    if (seen !== undefined) latencies.push(seen - committed);
  }
  const samples = stack.drains.samples;
  return {
    rate: plan.rate,
    sent: run.committedAt.size,
    sendMs: run.ms,
    seen: latencies.length,
    latency: summarise(latencies),
    commit: summarise(run.commitMs),
    drains: samples.length,
    blockedDrains: samples.filter((s) => s.blocked).length,
    drainedEvents: samples.reduce((sum, s) => sum + s.published, 0),
    drainMs: summarise(samples.map((s) => s.ms)),
    selectMs: select.calls ? select.ms / select.calls : 0,
    cpu: cpuUse,
  };
}
