/**
 * `npm run bench:orders`: the single binary on a PostgreSQL server, driven over loopback HTTP the
 * way customers drive it. Phase A places orders at a fixed rate and follows each to CONFIRMED;
 * phase B places them as fast as a fixed number of clients can and measures how many orders per
 * second the whole saga carries. Beside them: the server's pgbench ceiling from the same run, a
 * CPU profile of the platform process in phase B, and what the database wrote per order.
 * Prints figures and never asserts. Knobs: orders-bench-config.ts; docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@platform/testing';
import { printRunHeader } from '../machine';
import { formatCount } from '../percentiles';
import { pgbenchCeiling, type Ceiling } from '../pgbench-ceiling';
import { activityBetween, dbActivity } from './db-activity';
import { ordersBenchConfigFromEnv, ordersReproduceCommand } from './orders-bench-config';
import type { FixedRateResult, FlatOutResult } from './orders-phases';
import { phaseA, phaseB, printPlatform } from './orders-runs';
import { preparePlatformBuild, startPlatform, type PlatformProcess } from './platform-process';
import { profileIn, summariseProfile } from './cpu-profile';
import * as report from './orders-report';
import { serverSettings } from './server-settings';
import { roundTripCost } from './round-trip-cost';
import { runBench } from '../run-bench';

const ROOT = join(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const config = ordersBenchConfigFromEnv();
  process.env.DATABASE_URL = config.databaseUrl; // createTestDatabase() reads it
  const command = ordersReproduceCommand();
  printRunHeader('Orders end-to-end benchmark', await serverSettings(config.databaseUrl), command);
  await preparePlatformBuild(config.build, 'dist/apps/monolith/src/main.js', 'BENCH_ORDERS_BUILD');
  const target = await createTestDatabase('postgres');
  const profileDir = mkdtempSync(join(tmpdir(), 'bench-orders-prof-'));
  const adminToken = randomBytes(18).toString('base64url');
  let platform: PlatformProcess | undefined;
  try {
    platform = await startPlatform({ build: config.build, databaseUrl: target.url, adminToken });
    printPlatform(platform, target);
    const fixed = await phaseA(platform, target, config);
    await platform.stop();
    const before = await dbActivity(target.url);

    const censusFile = join(profileDir, 'census.json');
    platform = await startPlatform({
      build: config.build,
      databaseUrl: target.url,
      adminToken,
      cpuProfDir: config.profile ? profileDir : undefined,
      censusFile,
    });
    const b = await phaseB(platform, target, config, censusFile);
    await platform.stop();
    platform = undefined;
    const activity = activityBetween(before, await dbActivity(target.url));
    const commitsPerOrder = (activity.commits - b.benchStatements) / b.orders;

    const rounds = await roundTripCost(target.url);
    console.log(`\n== C. Ceiling: pgbench on the same server, same run ==`);
    const ceiling = await pgbenchCeiling(config.databaseUrl, config.pgbenchClients, config.pgbenchSeconds);
    report.printCeiling(ceiling, report.carried(b.flat), commitsPerOrder);

    console.log(`\n== Where the time goes (phase B) ==`);
    report.printCpu(b.flat.cpu);
    report.printWaits(b.flat.waits);
    const file = config.profile ? profileIn(profileDir) : undefined;
    if (file) report.printProfile(summariseProfile(file, ROOT, b.flat.windowUs.from, b.flat.windowUs.to), b.flat.cpu);
    else console.log(`  no CPU profile (${config.profile ? 'none was written' : 'BENCH_ORDERS_PROFILE=false'})`);
    report.printDbActivity(activity, b.orders, b.benchStatements);
    const phaseOrders = b.flat.traffic.placed.length;
    if (b.census) report.printCensus(b.census, phaseOrders);
    else console.log(`  no statement census (the platform wrote none)`);
    const statements = b.census?.reduce((sum, c) => sum + c.calls, 0);
    report.printRoundTripFloor(rounds, statements === undefined ? undefined : statements / phaseOrders, b.flat.cpu);

    printSummary(fixed, config.rate, b.flat, ceiling, { statements, transactions: commitsPerOrder });
    console.log(`\nreproduce: ${command}`);
  } finally {
    await platform?.stop().catch((e) => console.error(`cleanup: ${e}`));
    await target.release().catch((e) => console.error(`cleanup: ${e}`));
    rmSync(profileDir, { recursive: true, force: true });
  }
}

function printSummary(
  a: FixedRateResult,
  rate: number,
  b: FlatOutResult,
  ceiling: Ceiling,
  perOrder: { statements?: number; transactions: number },
): void {
  const carried = report.carried(b);
  console.log(`\n== Summary against the issue's targets ==`);
  console.log(`  phase B orders/s POST -> CONFIRMED: ${report.verdict(carried, 300, false, 'orders/s')}`);
  console.log(`  phase A POST p99:                   ${report.verdict(a.post?.p99, 20, true, 'ms')}`);
  console.log(
    `  phase A place -> CONFIRMED p99, in the platform (timeline): ${report.verdict(a.timeline?.p99, 100, true, 'ms')}`,
  );
  console.log(
    `  phase A place -> CONFIRMED p99, HTTP side (20 ms poll):     ${report.verdict(a.seen?.p99, 100, true, 'ms')}`,
  );
  if (carried !== undefined && rate > carried) {
    console.log(
      `  !! phase A's arrival rate (${formatCount(rate)}/s) is above what phase B carried (${formatCount(carried)}/s): ` +
        `its latencies are those of a growing queue (rerun with a lower BENCH_ORDERS_RATE for latency at a sustainable rate)`,
    );
  }
  const cpu = b.cpu;
  if (cpu.orders && cpu.platformPct !== undefined && cpu.backendsPct !== undefined) {
    const ms = (((cpu.platformPct + cpu.backendsPct) / 100) * cpu.wallMs) / cpu.orders;
    const budget = (cpus().length * 1000) / 300;
    console.log(
      `  CPU per order (platform + its backends) ${ms.toFixed(1)} ms; 300 orders/s on ${cpus().length} cores allows at most ${budget.toFixed(1)} ms ` +
        `(${(ms / budget).toFixed(1)}x over)`,
    );
  }
  const statements =
    perOrder.statements === undefined
      ? ''
      : `${(perOrder.statements / b.traffic.placed.length).toFixed(1)} statements, `;
  console.log(
    `  per order: ${statements}${perOrder.transactions.toFixed(1)} transactions` +
      ('tps' in ceiling ? `; pgbench ceiling ${formatCount(ceiling.tps)} commits/s` : ''),
  );
}

runBench(main);
