import { boolSetting, intSetting, oneOfSetting, stringSetting } from '@platform/config';
import { DEFAULT_DATABASE_URL, shellQuote } from '../bench-config';

/**
 * What `npm run bench:orders` runs, from the environment. The defaults fit a 2-core machine and a
 * run of about two and a half minutes; the report prints the values used.
 */
export type PlatformBuild = 'dist' | 'source';

/** postgres: a scratch database on the DATABASE_URL server; pglite: the embedded default, as `npm start` runs it */
export type BenchDatabaseKind = 'postgres' | 'pglite';
export const BENCH_DATABASES: readonly BenchDatabaseKind[] = ['postgres', 'pglite'];

/**
 * Phase A's default arrival rate per database: a rate each sustains on a 2-core machine, so the
 * latencies are those of a platform keeping up rather than of a growing queue. PGlite runs inside
 * the platform's one thread, one transaction at a time (ADR 0003): at ~40 ms of CPU per order a
 * core carries ~25 orders/s flat out, so 10/s leaves room.
 */
export const DEFAULT_RATE: Readonly<Record<BenchDatabaseKind, number>> = { postgres: 100, pglite: 10 };
/** phase B on PGlite confirms its backlog at ~20 orders/s, so the drain after 20 s of placing takes longer */
const DEFAULT_DRAIN_TIMEOUT_SECONDS: Readonly<Record<BenchDatabaseKind, number>> = { postgres: 60, pglite: 180 };

export interface OrdersBenchConfig {
  readonly database: BenchDatabaseKind;
  /** the server (postgres only): the scratch database is made on it */
  readonly databaseUrl: string;
  /** phase A: orders per second, open loop */
  readonly rate: number;
  /** length of phase A, and of phase B's placing */
  readonly seconds: number;
  /** products created for the run; each order takes one unit of one of them at random */
  readonly products: number;
  /** phase B: HTTP clients placing orders back to back */
  readonly concurrency: number;
  /** phase B stops placing after this many orders even if time remains (keeps the drain bounded) */
  readonly maxOrders: number;
  /** how long to wait for the last order of a phase to leave PENDING */
  readonly drainTimeoutSeconds: number;
  /** dist: `npm run build`, then dist/apps/monolith/src/main.js; source: through @swc-node/register */
  readonly build: PlatformBuild;
  /** run the phase B process under `--cpu-prof` */
  readonly profile: boolean;
  /** phase B with the operator console's pages open (their polls), to see what they cost */
  readonly console: boolean;
  /** the pgbench ceiling (postgres only) */
  readonly pgbenchClients: number;
  readonly pgbenchSeconds: number;
}

export function ordersBenchConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OrdersBenchConfig {
  const database = oneOfSetting('BENCH_ORDERS_DATABASE', BENCH_DATABASES, 'postgres', env);
  return {
    database,
    databaseUrl: stringSetting('DATABASE_URL', DEFAULT_DATABASE_URL, env),
    rate: intSetting('BENCH_ORDERS_RATE', DEFAULT_RATE[database], { env }),
    seconds: intSetting('BENCH_ORDERS_SECONDS', 20, { env }),
    concurrency: intSetting('BENCH_ORDERS_CONCURRENCY', 32, { env }),
    products: intSetting('BENCH_ORDERS_PRODUCTS', 1, { env }),
    maxOrders: intSetting('BENCH_ORDERS_MAX', 12_000, { env }),
    drainTimeoutSeconds: intSetting('BENCH_ORDERS_DRAIN_TIMEOUT_SECONDS', DEFAULT_DRAIN_TIMEOUT_SECONDS[database], {
      env,
    }),
    build: oneOfSetting('BENCH_ORDERS_BUILD', ['dist', 'source'], 'dist', env),
    profile: boolSetting('BENCH_ORDERS_PROFILE', true, env),
    console: boolSetting('BENCH_ORDERS_CONSOLE', false, env),
    pgbenchClients: intSetting('BENCH_PGBENCH_CLIENTS', 8, { env }),
    pgbenchSeconds: intSetting('BENCH_PGBENCH_SECONDS', 10, { env }),
  };
}

/**
 * Settings the platform reads that change what is measured; they pass through to its process and
 * appear in the reproduce line. LOG_LEVEL and the SHIPPING/INVENTORY flags are pinned by the bench.
 */
export const PLATFORM_KNOBS =
  /^(OUTBOX_[A-Z_]+|INPROCESS_[A-Z_]+|CONSUMER_[A-Z_]+|DATABASE_POOL_SIZE|DATABASE_PREPARED_STATEMENTS|ORDERS_[A-Z_]+|PAYMENTS_[A-Z_]+|HTTP_BODY_LIMIT)$/;
const BENCH_KNOBS = /^(DATABASE_URL|BENCH_ORDERS_[A-Z_]+|BENCH_PGBENCH_[A-Z_]+)$/;

/** read on a PostgreSQL server only: left out of a PGlite run's reproduce line, which ignores them */
const SERVER_KNOBS = /^(DATABASE_URL|BENCH_PGBENCH_[A-Z_]+)$/;

/** the command line that repeats this run: the knobs set in this environment (that it uses), then the script */
export function ordersReproduceCommand(env: NodeJS.ProcessEnv = process.env): string {
  const embedded = env.BENCH_ORDERS_DATABASE?.trim() === 'pglite';
  const set = Object.keys(env)
    .filter((name) => (BENCH_KNOBS.test(name) || PLATFORM_KNOBS.test(name)) && env[name])
    .filter((name) => !(embedded && SERVER_KNOBS.test(name)))
    .sort()
    .map((name) => `${name}=${shellQuote(env[name] ?? '')}`);
  return [...set, 'npm run bench:orders'].join(' ');
}
