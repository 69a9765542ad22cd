/**
 * `npm run bench:orders`: the single binary on a PostgreSQL server, or on its embedded PGlite
 * (BENCH_ORDERS_DATABASE=pglite, what `npm start` runs), driven over loopback HTTP the way
 * customers drive it. Phase A places orders at a fixed rate and follows each to CONFIRMED;
 * phase B places them as fast as a fixed number of clients can and measures how many orders per
 * second the whole saga carries. Beside them: a CPU profile of the platform process in phase B,
 * the statements it sent per order, and on a server its pgbench ceiling and what the database
 * wrote per order. Prints figures and never asserts. Knobs: orders-bench-config.ts; docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { printRunHeader } from '../machine';
import { formatCount } from '../percentiles';
import { pgbenchCeiling, type Ceiling } from '../pgbench-ceiling';
import { openBenchDatabase, type BenchDatabase } from './bench-database';
import { activityBetween, dbActivity, type DbActivity } from './db-activity';
import { ordersBenchConfigFromEnv, ordersReproduceCommand, type OrdersBenchConfig } from './orders-bench-config';
import type { FixedRateResult, FlatOutResult } from './orders-phases';
import { phaseA, phaseB, printPlatform, type PhaseBRun } from './orders-runs';
import { preparePlatformBuild, startPlatform, type PlatformProcess } from './platform-process';
import { profileIn, summariseProfile } from './cpu-profile';
import * as report from './orders-report';
import { roundTripCost, type RoundTripCost } from './round-trip-cost';
import { runBench } from '../run-bench';

const ROOT = join(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const config = ordersBenchConfigFromEnv();
  const command = ordersReproduceCommand();
  const database = await openBenchDatabase(config);
  const profileDir = mkdtempSync(join(tmpdir(), 'bench-orders-prof-'));
  const adminToken = randomBytes(18).toString('base64url');
  let platform: PlatformProcess | undefined;
  try {
    printRunHeader('Orders end-to-end benchmark', database.header, command);
    await preparePlatformBuild(config.build, 'dist/apps/monolith/src/main.js', 'BENCH_ORDERS_BUILD');
    platform = await startPlatform({ build: config.build, ...database.platform, adminToken });
    printPlatform(platform, database);
    const fixed = await phaseA(platform, database, config);
    await platform.stop();
    const before = database.serverUrl ? await dbActivity(database.serverUrl) : undefined;

    const censusFile = join(profileDir, 'census.json');
    platform = await startPlatform({
      build: config.build,
      ...database.platform,
      adminToken,
      cpuProfDir: config.profile ? profileDir : undefined,
      censusFile,
    });
    const b = await phaseB(platform, database, config, censusFile);
    await platform.stop();
    platform = undefined;
    const server = before && (await serverFigures(database, config, before, b));
    if (!server) {
      console.log(
        `\n  skipped on PGlite: the pgbench ceiling, pg_stat_activity sampling, pg_stat_database counters and the round-trip floor (they need a PostgreSQL server)`,
      );
    }

    console.log(`\n== Where the time goes (phase B) ==`);
    report.printCpu(b.flat.cpu);
    if (b.flat.waits) report.printWaits(b.flat.waits);
    const file = config.profile ? profileIn(profileDir) : undefined;
    if (file) report.printProfile(summariseProfile(file, ROOT, b.flat.windowUs.from, b.flat.windowUs.to), b.flat.cpu);
    else console.log(`  no CPU profile (${config.profile ? 'none was written' : 'BENCH_ORDERS_PROFILE=false'})`);
    if (server) report.printDbActivity(server.activity, b.orders, b.benchStatements);
    const phaseOrders = b.flat.traffic.placed.length;
    if (b.census) report.printCensus(b.census, phaseOrders);
    else console.log(`  no statement census (the platform wrote none)`);
    const statements = b.census?.reduce((sum, c) => sum + c.calls, 0);
    if (server) {
      const perOrder = statements === undefined ? undefined : statements / phaseOrders;
      report.printRoundTripFloor(server.rounds, perOrder, b.flat.cpu);
    }

    printSummary(fixed, config.rate, b.flat, server?.ceiling, { statements, transactions: server?.commitsPerOrder });
    console.log(`\nreproduce: ${command}`);
  } finally {
    await platform?.stop().catch((e) => console.error(`cleanup: ${e}`));
    await database.release().catch((e) => console.error(`cleanup: ${e}`));
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/**
 * What only a PostgreSQL server can tell, read once the phase B process has stopped: what the
 * database wrote for it, one round trip's cost, and the server's pgbench ceiling.
 */
async function serverFigures(
  database: BenchDatabase,
  config: OrdersBenchConfig,
  before: DbActivity,
  b: PhaseBRun,
): Promise<
  | { activity: ReturnType<typeof activityBetween>; commitsPerOrder: number; rounds: RoundTripCost; ceiling: Ceiling }
  | undefined
> {
  if (!database.serverUrl) return undefined;
  const activity = activityBetween(before, await dbActivity(database.serverUrl));
  const commitsPerOrder = (activity.commits - b.benchStatements) / b.orders;
  const rounds = await roundTripCost(database.serverUrl);
  console.log(`\n== C. Ceiling: pgbench on the same server, same run ==`);
  const ceiling = await pgbenchCeiling(config.databaseUrl, config.pgbenchClients, config.pgbenchSeconds);
  report.printCeiling(ceiling, report.carried(b.flat), commitsPerOrder);
  return { activity, commitsPerOrder, rounds, ceiling };
}

function printSummary(
  a: FixedRateResult,
  rate: number,
  b: FlatOutResult,
  ceiling: Ceiling | undefined,
  perOrder: { statements?: number; transactions?: number },
): void {
  const carried = report.carried(b);
  const p50 = (summary: { p50: number } | undefined): string => (summary ? `p50 ${summary.p50.toFixed(1)} ms, ` : '');
  console.log(`\n== Summary against the issue's targets ==`);
  if (!ceiling)
    console.log(
      `  on PGlite, one transaction at a time (ADR 0003); the targets are PostgreSQL's, beside for comparison`,
    );
  console.log(
    `  phase A: ${formatCount(rate)} orders/s offered, ${formatCount((a.traffic.placed.length / a.traffic.ms) * 1000)}/s accepted, ` +
      `the last order settled ${report.s(a.settledAfterMs)} after the last answer`,
  );
  console.log(`  phase A POST:                       ${p50(a.post)}p99 ${report.verdict(a.post?.p99, 20, true, 'ms')}`);
  console.log(
    `  phase A place -> CONFIRMED, in the platform (timeline): ${p50(a.timeline)}p99 ${report.verdict(a.timeline?.p99, 100, true, 'ms')}`,
  );
  console.log(
    `  phase A place -> CONFIRMED, HTTP side (20 ms poll):     ${p50(a.seen)}p99 ${report.verdict(a.seen?.p99, 100, true, 'ms')}`,
  );
  console.log(`  phase B orders/s POST -> CONFIRMED: ${report.verdict(carried, 300, false, 'orders/s')}`);
  console.log(
    `  phase B (no targets): POST ${p50(b.post)}p99 ${b.post?.p99.toFixed(1) ?? 'n/a'} ms; ` +
      `place -> CONFIRMED (timeline) ${p50(b.timeline)}p99 ${b.timeline?.p99.toFixed(1) ?? 'n/a'} ms`,
  );
  if (carried !== undefined && rate > carried) {
    console.log(
      `  !! phase A's arrival rate (${formatCount(rate)}/s) is above what phase B carried (${formatCount(carried)}/s): ` +
        `its latencies are those of a growing queue (rerun with a lower BENCH_ORDERS_RATE for latency at a sustainable rate)`,
    );
  }
  const cpu = b.cpu;
  if (cpu.orders && cpu.platformPct !== undefined) {
    const ms = (((cpu.platformPct + (cpu.backendsPct ?? 0)) / 100) * cpu.wallMs) / cpu.orders;
    const budget = (cpus().length * 1000) / 300;
    const what = cpu.backendsPct === undefined ? 'the platform process, PGlite inside it' : 'platform + its backends';
    console.log(
      `  CPU per order (${what}) ${ms.toFixed(1)} ms; 300 orders/s on ${cpus().length} cores allows at most ${budget.toFixed(1)} ms ` +
        `(${(ms / budget).toFixed(1)}x over)`,
    );
  }
  const parts = [
    perOrder.statements === undefined
      ? undefined
      : `${(perOrder.statements / b.traffic.placed.length).toFixed(1)} statements`,
    perOrder.transactions === undefined ? undefined : `${perOrder.transactions.toFixed(1)} transactions`,
  ].filter((part) => part !== undefined);
  console.log(
    `  per order: ${parts.join(', ') || 'n/a'}` +
      (ceiling && 'tps' in ceiling ? `; pgbench ceiling ${formatCount(ceiling.tps)} commits/s` : ''),
  );
}

runBench(main);
