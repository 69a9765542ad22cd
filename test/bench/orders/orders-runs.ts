import { formatCount } from '../percentiles';
import { watchLikeTheConsole } from './console-watch';
import type { BenchDatabase } from './bench-database';
import { BENCH_STOCK, createBenchProducts } from './bench-product';
import { PLATFORM_KNOBS, type OrdersBenchConfig } from './orders-bench-config';
import { runFixedRate, runFlatOut, warmUp, type FixedRateResult, type FlatOutResult } from './orders-phases';
import * as report from './orders-report';
import { OrderClient } from './order-traffic';
import { PlatformDb } from './platform-db';
import type { PlatformProcess } from './platform-process';
import { endCensus, startCensus, type StatementCount } from './query-census';

/**
 * The two phases, each against a running platform process: A in the first process (after the
 * products are created), B in a second one, so its CPU profile, statement census and database
 * counters cover phase B alone. Both print as they go.
 */
const WARM_UP_ORDERS = 200;
/** slow enough for the platform to keep up, so the phase starts with no backlog (never above phase A's rate) */
const WARM_UP_RATE = 50;
const warmUpRate = (config: OrdersBenchConfig): number => Math.min(WARM_UP_RATE, config.rate);

export interface PhaseBRun {
  readonly flat: FlatOutResult;
  readonly census?: StatementCount[];
  /** orders the phase B process placed, warm-up included (the database counters cover them all) */
  readonly orders: number;
  /** statements the benchmark's own connection ran meanwhile (each one transaction) */
  readonly benchStatements: number;
}

export function printPlatform(platform: PlatformProcess, database: BenchDatabase): void {
  const knobs = Object.entries(process.env).filter(([n]) => PLATFORM_KNOBS.test(n));
  console.log(`  ${database.scratch}`);
  console.log(
    `  platform process: ${platform.command}, pid ${platform.pid}, ready in ${platform.startSeconds.toFixed(1)} s`,
  );
  console.log(
    `    LOG_LEVEL=warn SHIPPING_AUTO_ADVANCE=false INVENTORY_SEED_DEMO=true, every context, in-process transport; ` +
      `from the environment: ${knobs.map(([n, v]) => `${n}=${v}`).join(' ') || 'nothing (platform defaults)'}`,
  );
  console.log(
    `  load generator: Node fetch (undici, keep-alive) over loopback; confirmations, timelines and counts read through ${database.reads}`,
  );
}

export async function phaseA(
  platform: PlatformProcess,
  database: BenchDatabase,
  config: OrdersBenchConfig,
): Promise<FixedRateResult> {
  const db = await openReader(platform, database);
  try {
    const skus = await createBenchProducts(platform, db, config.products);
    console.log(
      `  ${skus.length === 1 ? `product ${skus[0]}` : `${skus.length} products`} with ${formatCount(BENCH_STOCK)} in stock: created over the admin API, ` +
        `then seen in the orders price list; every order is 1 unit${skus.length > 1 ? ' of one at random' : ''}, tok_visa, a random customer`,
    );
    const client = new OrderClient(platform.baseUrl, skus);
    console.log(
      `\n== A. Fixed arrival rate: ${config.rate} orders/s for ${config.seconds} s (after ${WARM_UP_ORDERS} warm-up orders at ${warmUpRate(config)}/s) ==`,
    );
    await warmUp(client, db, WARM_UP_ORDERS, warmUpRate(config));
    const fixed = await runFixedRate(platform, db, client, config);
    report.printFixedRate(fixed);
    await db.waitQuiet();
    return fixed;
  } finally {
    await db.close();
  }
}

export async function phaseB(
  platform: PlatformProcess,
  database: BenchDatabase,
  config: OrdersBenchConfig,
  censusFile: string,
): Promise<PhaseBRun> {
  const db = await openReader(platform, database);
  try {
    const rows = await db.query<{ sku: string }>(`SELECT sku FROM orders.price_list WHERE sku LIKE 'SKU-BENCH-%'`);
    const client = new OrderClient(
      platform.baseUrl,
      rows.map((r) => r.sku),
    );
    console.log(
      `\n== B. Full speed: ${config.concurrency} clients placing back to back for ${config.seconds} s (at most ${formatCount(config.maxOrders)} orders), new process${config.profile ? ' under --cpu-prof' : ''}, after ${WARM_UP_ORDERS} warm-up orders at ${warmUpRate(config)}/s ==`,
    );
    console.log(`  platform restarted: ready in ${platform.startSeconds.toFixed(1)} s`);
    await warmUp(client, db, WARM_UP_ORDERS, warmUpRate(config));
    startCensus(platform);
    const console_ = config.console ? watchLikeTheConsole(platform.baseUrl, platform.adminToken) : undefined;
    const flat = await runFlatOut(platform, db, client, config);
    await console_?.stop();
    report.printFlatOut(flat);
    console_?.report().forEach((line) => console.log(line));
    const quiet = await db.waitQuiet(config.drainTimeoutSeconds * 1000);
    const census = await endCensus(platform, censusFile);
    console.log(
      `  side effects (shipping, notifications, loyalty, analytics): ${quiet.quiet ? `drained ${report.s(quiet.ms)} after the last confirmation was seen` : `NOT drained, ${formatCount(quiet.backlog)} records behind at the timeout`}`,
    );
    if (db.embedded) {
      console.log(
        `  the benchmark's own ${formatCount(db.statements)} reads ran in PGlite, inside the platform process: its CPU includes them`,
      );
    }
    return { flat, census, orders: WARM_UP_ORDERS + flat.traffic.placed.length, benchStatements: db.statements };
  } finally {
    await db.close();
  }
}

function openReader(platform: PlatformProcess, database: BenchDatabase): Promise<PlatformDb> {
  return PlatformDb.open(database.readerUrl(platform), database.kind === 'pglite');
}
