import { intSetting, stringSetting } from '@platform/config';

/**
 * What the outbox benchmark runs, from the environment. Every knob has a default sized for a
 * 2-core development machine and a run of under three minutes; the report prints the values used.
 */
export type BenchBackend = 'postgres' | 'pglite';

export interface BackendPlan {
  /** events pre-filled into the outbox before the relay starts (throughput phase) */
  readonly events: number;
  /** events per writer transaction while pre-filling */
  readonly eventsPerTx: number;
  /** concurrent writers, in both phases */
  readonly writers: number;
  /**
   * steady commit rate of the latency phase (single-event transactions, events/s). PostgreSQL
   * defaults to 1,000/s: on 2 cores, 8 writers alone top out near 1,500 such commits/s (each is
   * BEGIN, INSERT, pg_notify, COMMIT), so 2,000/s would measure a saturated machine instead
   */
  readonly rate: number;
  readonly latencySeconds: number;
}

export interface BenchConfig {
  readonly databaseUrl: string;
  readonly backends: readonly BenchBackend[];
  readonly plans: Readonly<Record<BenchBackend, BackendPlan>>;
  /** distinct partition keys (entityIds) the events are spread over */
  readonly keys: number;
  /** bytes of padding in each payload's `note` */
  readonly noteBytes: number;
  readonly pgbenchClients: number;
  readonly pgbenchSeconds: number;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** the variables this benchmark and the libraries it drives read; echoed in the reproduce line */
const KNOBS = /^(DATABASE_URL|BENCH_[A-Z_]+|OUTBOX_[A-Z_]+|INPROCESS_[A-Z_]+|DATABASE_POOL_SIZE)$/;

export function benchConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const backends = stringSetting('BENCH_BACKENDS', 'postgres,pglite', env)
    .split(',')
    .map((b) => b.trim());
  for (const b of backends) {
    if (b !== 'postgres' && b !== 'pglite') throw new Error(`BENCH_BACKENDS: unknown backend "${b}"`);
  }
  const shared = {
    eventsPerTx: intSetting('BENCH_TX_EVENTS', 50, { env }),
    writers: intSetting('BENCH_WRITERS', 8, { env }),
    latencySeconds: intSetting('BENCH_LATENCY_SECONDS', 8, { env }),
  };
  return {
    databaseUrl: stringSetting('DATABASE_URL', DEFAULT_DATABASE_URL, env),
    backends: backends as BenchBackend[],
    plans: {
      postgres: {
        ...shared,
        events: intSetting('BENCH_EVENTS', 50_000, { env }),
        rate: intSetting('BENCH_RATE', 1_000, { env }),
      },
      pglite: {
        ...shared,
        events: intSetting('BENCH_EVENTS', 10_000, { env }),
        rate: intSetting('BENCH_RATE', 500, { env }),
      },
    },
    keys: intSetting('BENCH_KEYS', 1_000, { env }),
    noteBytes: intSetting('BENCH_NOTE_BYTES', 200, { env }),
    pgbenchClients: intSetting('BENCH_PGBENCH_CLIENTS', 8, { env }),
    pgbenchSeconds: intSetting('BENCH_PGBENCH_SECONDS', 10, { env }),
  };
}

/** the command line that repeats this run: the knobs set in this environment, then the script */
export function reproduceCommand(env: NodeJS.ProcessEnv = process.env): string {
  const set = Object.keys(env)
    .filter((name) => KNOBS.test(name) && env[name] !== undefined && env[name] !== '')
    .sort()
    .map((name) => `${name}=${shellQuote(env[name] ?? '')}`);
  return [...set, 'npm run bench:outbox'].join(' ');
}

export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
