import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '@platform/testing';
import { createBenchProducts } from '../orders/bench-product';
import { OrderClient } from '../orders/order-traffic';
import type { OrdersBenchConfig } from '../orders/orders-bench-config';
import { runFixedRate, runFlatOut, warmUp, type FixedRateResult, type FlatOutResult } from '../orders/orders-phases';
import * as ordersReport from '../orders/orders-report';
import { PlatformDb } from '../orders/platform-db';
import { cpuBetween, processesCpu, type ProcessCpu } from '../orders/process-cpu';
import { startPlatform } from '../orders/platform-process';
import type { BenchBroker } from './bench-broker';
import { profileFolder, startDeployment, type Deployment } from './deployment';
import type { DeploymentKind, KafkaBenchConfig } from './kafka-bench-config';
import { hopLatencies, type Hop } from './hop-latency';
import { orderHops, type OrderHops } from './order-hops';
import { runRollingRestart, type RollingRestartResult } from './rolling-restart';
import { rollingHeader } from './rolling-report';
import { runCutOver, type CutOverResult } from './cut-over';
import { cutOverHeader } from './cut-over-report';

/**
 * One deployment through bench:orders' workload, in one set of processes and a scratch database
 * of its own: the run's product, warm-up, phase A (fixed rate: latency) and phase B (full speed:
 * orders/s), with the CPU of every platform process and of the broker over phase B; for the split
 * services, phase C (rolling-restart.ts): one context's second instance restarted under load, and
 * phase D (cut-over.ts): one context cut over to a shadow of it under load.
 */
const WARM_UP_ORDERS = 200;
const WARM_UP_RATE = 50;

export interface ProcessCpuShare {
  readonly name: string;
  /** CPU ms over phase B */
  readonly ms: number;
}

export interface DeploymentResult {
  readonly kind: DeploymentKind;
  readonly startSeconds: number;
  readonly fixed: FixedRateResult;
  readonly fixedHops: OrderHops;
  /** phase A: every hop between contexts, relay and delivery */
  readonly hops: Hop[];
  readonly flat: FlatOutResult;
  /** phase B: each platform process, then the broker when it is a local process */
  readonly cpu: ProcessCpuShare[];
  /** phase B: the postgres backends serving the deployment (ms) */
  readonly backendsMs: number;
  /** phase C (split services only, unless skipped) */
  readonly rolling?: RollingRestartResult;
  /** phase D (split services only, unless skipped), or why it failed: the phases before it keep their figures */
  readonly cutOver?: CutOverResult;
  readonly cutOverFailed?: string;
  /** the platform's Kafka settings (KAFKA_SESSION_TIMEOUT_MS for the report); empty in-process */
  readonly kafkaEnv: NodeJS.ProcessEnv;
  /** BENCH_KAFKA_PROFILE_DIR: each platform process and the folder of its profile, written when it stopped */
  readonly profiles?: ReadonlyArray<{ readonly name: string; readonly dir: string }>;
}

export async function runDeployment(
  kind: DeploymentKind,
  config: KafkaBenchConfig,
  broker: BenchBroker | undefined,
  adminToken: string,
): Promise<DeploymentResult> {
  const target = await createTestDatabase('postgres');
  console.log(`  scratch database ${new URL(target.url).pathname.slice(1)} (dropped at the end)`);
  let deployment: Deployment | undefined;
  const started = performance.now();
  try {
    const kafkaEnv = kind === 'inprocess' || !broker ? {} : await broker.envFor();
    deployment = await startDeployment(kind, {
      build: config.build,
      databaseUrl: target.url,
      adminToken,
      kafkaEnv,
      profileDir: config.profileDir,
    });
    const startSeconds = (performance.now() - started) / 1000;
    printDeployment(deployment, kafkaEnv, startSeconds);
    const db = await PlatformDb.open(target.url);
    try {
      const skus = await createBenchProducts(deployment.admin, db, config.products);
      const client = new OrderClient(deployment.orders.baseUrl, skus);
      const warming = performance.now();
      await warmUp(client, db, WARM_UP_ORDERS, WARM_UP_RATE);
      const left = await noOrderPending(db, config.drainTimeoutSeconds * 1000);
      console.log(
        `  warm-up: ${WARM_UP_ORDERS} orders at ${WARM_UP_RATE}/s, ${left === 0 ? 'all settled' : `${left} still PENDING`} ` +
          `${((performance.now() - warming) / 1000).toFixed(1)} s after the first was sent`,
      );
      const phases = ordersPhaseConfig(config);

      console.log(
        `  -- A. fixed arrival rate: ${config.rate} orders/s for ${config.seconds} s (after ${WARM_UP_ORDERS} warm-up orders at ${WARM_UP_RATE}/s)`,
      );
      const fixedFrom = Date.now();
      const fixed = await runFixedRate(deployment.orders, db, client, phases);
      const fixedTo = Date.now();
      ordersReport.printFixedRate(fixed);
      const fixedHops = await orderHops(
        db,
        fixed.traffic.placed.map((p) => p.orderId),
      );
      const behind = await noOrderPending(db, config.drainTimeoutSeconds * 1000);
      if (behind > 0)
        console.log(`  !! ${behind} orders still PENDING at the drain timeout: phase B starts with a backlog`);

      console.log(
        `  -- B. full speed: ${config.concurrency} clients placing back to back for ${config.seconds} s (at most ${config.maxOrders} orders)`,
      );
      // the broker's CPU counts only for the deployments that use it
      const brokerPid = kind === 'inprocess' ? undefined : broker?.pid;
      const pids = [...deployment.processes.map((p) => p.process.pid), ...(brokerPid ? [brokerPid] : [])];
      const before = processesCpu(pids);
      const backendsBefore = processesCpu(await db.backendPids());
      const flat = await runFlatOut(deployment.orders, db, client, phases);
      const after = processesCpu(pids);
      const backendsMs = cpuBetween(backendsBefore, processesCpu(await db.backendPids()));
      ordersReport.printFlatOut(flat);
      // phase A's hops, read now so its side effects (order-confirmed to four consumers) are in too
      const hops = await hopLatencies(db, fixedFrom, fixedTo);
      const names = [...deployment.processes.map((p) => p.name), ...(brokerPid ? ['broker (mock cluster)'] : [])];
      const total = (c: ProcessCpu | undefined): number => (c ? c.userMs + c.systemMs : 0);
      const cpu = pids.map((pid, i) => ({ name: names[i], ms: total(after.get(pid)) - total(before.get(pid)) }));
      let rolling: RollingRestartResult | undefined;
      if (kind === 'split' && config.rolling) {
        const rollingConfig = config.rolling;
        await noOrderPending(db, config.drainTimeoutSeconds * 1000);
        console.log(rollingHeader(rollingConfig));
        rolling = await runRollingRestart(
          rollingConfig,
          db,
          client,
          (clientId) =>
            startPlatform({
              build: config.build,
              databaseUrl: target.url,
              adminToken,
              app: rollingConfig.context,
              env: { ...kafkaEnv, KAFKA_CLIENT_ID: clientId },
            }),
          () => noOrderPending(db, config.drainTimeoutSeconds * 1000),
        );
      }
      let cutOver: CutOverResult | undefined;
      let cutOverFailed: string | undefined;
      if (kind === 'split' && config.cutOver) {
        const cutOverConfig = config.cutOver;
        const live = deployment.processes.find((p) => p.name === cutOverConfig.context)?.process;
        await noOrderPending(db, config.drainTimeoutSeconds * 1000);
        console.log(cutOverHeader(cutOverConfig));
        cutOver = await runCutOver(cutOverConfig, {
          db,
          client,
          liveUrl: target.url,
          kafkaEnv,
          live: live ?? deployment.orders,
          start: (env) =>
            startPlatform({
              build: config.build,
              databaseUrl: target.url,
              adminToken,
              app: cutOverConfig.context,
              env: { ...kafkaEnv, ...env },
            }),
          drain: () => noOrderPending(db, config.drainTimeoutSeconds * 1000),
        }).catch((error: Error) => {
          cutOverFailed = error.message;
          console.log(`  !! phase D failed: ${error.message}`);
          return undefined;
        });
      }
      return {
        kind,
        startSeconds,
        fixed,
        fixedHops,
        hops,
        flat,
        cpu,
        backendsMs,
        rolling,
        cutOver,
        cutOverFailed,
        kafkaEnv,
        profiles: config.profileDir
          ? deployment.processes.map((p) => ({
              name: p.name,
              dir: profileFolder(config.profileDir ?? '', kind, p.name),
            }))
          : undefined,
      };
    } finally {
      await db.close();
    }
  } finally {
    await deployment?.stop().catch((e: Error) => console.error(`cleanup: ${e.message}`));
    await target.release().catch((e: Error) => console.error(`cleanup: ${e.message}`));
  }
}

/** a phase starts with no backlog: the orders before it are confirmed (or cancelled) first; what is left at the timeout */
async function noOrderPending(db: PlatformDb, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let pending = await db.pendingOrders();
  while (pending > 0 && performance.now() < deadline) {
    await sleep(50);
    pending = await db.pendingOrders();
  }
  return pending;
}

/** bench:orders' phases read their settings from its config: the same fields, from ours */
function ordersPhaseConfig(config: KafkaBenchConfig): OrdersBenchConfig {
  return {
    database: 'postgres',
    databaseUrl: config.databaseUrl,
    rate: config.rate,
    seconds: config.seconds,
    products: config.products,
    concurrency: config.concurrency,
    maxOrders: config.maxOrders,
    drainTimeoutSeconds: config.drainTimeoutSeconds,
    build: config.build,
    profile: false,
    console: false,
    pgbenchClients: 0,
    pgbenchSeconds: 0,
  };
}

function printDeployment(deployment: Deployment, kafkaEnv: NodeJS.ProcessEnv, seconds: number): void {
  const processes = deployment.processes.map((p) => `${p.name} (pid ${p.process.pid})`).join(', ');
  console.log(`  ${processes}: all ready in ${seconds.toFixed(1)} s`);
  console.log(
    `  command: ${deployment.processes[0].process.command}${deployment.processes.length > 1 ? ' (and the other apps likewise)' : ''}`,
  );
  const kafka = Object.entries(kafkaEnv)
    .filter(([name]) => name !== 'KAFKA_BROKERS')
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  console.log(`  settings: ${deployment.kind === 'inprocess' ? 'TRANSPORT=inprocess' : kafka}`);
}
