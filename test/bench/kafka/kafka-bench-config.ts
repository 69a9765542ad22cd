import { intSetting, oneOfSetting, stringSetting } from '@platform/config';
import { DEFAULT_DATABASE_URL, shellQuote } from '../bench-config';
import { PLATFORM_KNOBS, type PlatformBuild } from '../orders/orders-bench-config';
import { CONTEXT_PROCESSES } from './context-processes';

/**
 * What `npm run bench:kafka` runs, from the environment. The workload is bench:orders' (its
 * phases A and B, same client, same product), shorter by default so that three deployments fit
 * in about five minutes on a 2-core machine; the report prints the values used.
 */
export const DEPLOYMENTS = ['inprocess', 'kafka', 'split'] as const;
export type DeploymentKind = (typeof DEPLOYMENTS)[number];

export interface KafkaBenchConfig {
  readonly databaseUrl: string;
  /** which deployments to measure, in this order */
  readonly deployments: readonly DeploymentKind[];
  /** phase A: orders per second, open loop (low enough for the mock cluster to keep up) */
  readonly rate: number;
  /** length of phase A, and of phase B's placing */
  readonly seconds: number;
  /** phase B: HTTP clients placing orders back to back */
  readonly concurrency: number;
  /** phase B stops placing after this many orders even if time remains */
  readonly maxOrders: number;
  readonly products: number;
  readonly drainTimeoutSeconds: number;
  readonly build: PlatformBuild;
  /** KAFKA_FETCH_MAX_WAIT_MS for the platform on the mock cluster (the mock answers a fetch only when it ends) */
  readonly fetchMaxWaitMs: number;
  /** the split deployment's rolling-restart phase; undefined when skipped */
  readonly rolling?: RollingRestartConfig;
  /** the split deployment's cut-over phase, after the rolling restart; undefined when skipped */
  readonly cutOver?: CutOverConfig;
  /**
   * BENCH_KAFKA_PROFILE_DIR: every platform process runs under `--cpu-prof` into a folder of its
   * own here (kept), and the report prints each one's self time over phase B; unset: no profile
   */
  readonly profileDir?: string;
}

/** how the restarted instance is stopped: as a rolling deploy does, or as a crash (a member that never leaves) */
export const ROLLING_SIGNALS = ['SIGTERM', 'SIGKILL'] as const;
export type RollingSignal = (typeof ROLLING_SIGNALS)[number];

/**
 * Phase C of the split deployment: a second instance of one context joins its consumer group,
 * then under a steady load one instance is restarted (stopped, waited for, started, waited ready)
 * once per signal, and the group's progress and place -> CONFIRMED are measured around it.
 */
export interface RollingRestartConfig {
  /** the context run as two instances (default payments: every order waits for its authorisation) */
  readonly context: string;
  /** orders/s of the steady load */
  readonly rate: number;
  /** steady load before each restart, and again after the restarted instance is ready */
  readonly seconds: number;
  /** one restart per signal, in this order */
  readonly signals: readonly RollingSignal[];
  /**
   * a keep-alive HTTP client asks the restarting instance every this many ms until it exits, as a
   * busy load balancer connection does (default 20); 0: none
   */
  readonly httpIntervalMs: number;
}

/**
 * Phase D of the split deployment: one context is shadowed into a second scratch database and,
 * under a steady load, cut over to that shadow as docs/deploy.md#cut-over says; the group's pause,
 * place -> CONFIRMED around it and the context's effects are measured (cut-over.ts).
 */
export interface CutOverConfig {
  /** the context cut over: loyalty, the one the cut-over promotes under traffic without --force */
  readonly context: string;
  /** orders/s of the steady load */
  readonly rate: number;
  /** the shadow runs this long beside the live before the cut-over; as much load again after the new deployment is ready */
  readonly seconds: number;
}

/**
 * Which contexts phase D can cut over. Payments and notifications shadow too, but under traffic
 * their shadow gets ahead of the live and records gateway calls nobody made, so their cut-over
 * needs --force (ADR 0023); a bench would measure that override, not the procedure.
 */
export const CUT_OVER_CONTEXTS = ['loyalty'] as const;

export function kafkaBenchConfigFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaBenchConfig {
  const deployments = stringSetting('BENCH_KAFKA_DEPLOYMENTS', DEPLOYMENTS.join(','), env)
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const unknown = deployments.filter((d) => !(DEPLOYMENTS as readonly string[]).includes(d));
  if (unknown.length > 0 || deployments.length === 0) {
    throw new Error(`BENCH_KAFKA_DEPLOYMENTS: ${unknown.join(', ') || 'empty'}; known: ${DEPLOYMENTS.join(', ')}`);
  }
  return {
    databaseUrl: stringSetting('DATABASE_URL', DEFAULT_DATABASE_URL, env),
    deployments: deployments as DeploymentKind[],
    rate: intSetting('BENCH_KAFKA_RATE', 10, { env, min: 1 }),
    seconds: intSetting('BENCH_KAFKA_SECONDS', 8, { env, min: 1 }),
    concurrency: intSetting('BENCH_KAFKA_CONCURRENCY', 16, { env, min: 1 }),
    maxOrders: intSetting('BENCH_KAFKA_MAX', 4_000, { env, min: 1 }),
    products: intSetting('BENCH_KAFKA_PRODUCTS', 1, { env, min: 1 }),
    drainTimeoutSeconds: intSetting('BENCH_KAFKA_DRAIN_TIMEOUT_SECONDS', 60, { env, min: 1 }),
    build: oneOfSetting('BENCH_KAFKA_BUILD', ['dist', 'source'], 'dist', env),
    fetchMaxWaitMs: intSetting('KAFKA_FETCH_MAX_WAIT_MS', 200, { env, min: 0 }),
    rolling: deployments.includes('split') ? rollingConfigFromEnv(env) : undefined,
    cutOver: deployments.includes('split') ? cutOverConfigFromEnv(env) : undefined,
    profileDir: stringSetting('BENCH_KAFKA_PROFILE_DIR', '', env).trim() || undefined,
  };
}

function rollingConfigFromEnv(env: NodeJS.ProcessEnv): RollingRestartConfig | undefined {
  const context = stringSetting('BENCH_KAFKA_ROLLING_CONTEXT', 'payments', env).trim();
  if (context === 'none') return undefined;
  // the customers post to the orders process: restarting it would measure the bench's client, not the group
  const restartable = CONTEXT_PROCESSES.filter((name) => name !== 'orders');
  if (!restartable.includes(context))
    throw new Error(`BENCH_KAFKA_ROLLING_CONTEXT: ${context}; known: ${restartable.join(', ')}, or none`);
  const signals = stringSetting('BENCH_KAFKA_ROLLING_SIGNALS', 'SIGTERM', env)
    .split(',')
    .map((signal) => signal.trim().toUpperCase())
    .filter(Boolean);
  const unknown = signals.filter((signal) => !(ROLLING_SIGNALS as readonly string[]).includes(signal));
  if (unknown.length > 0 || signals.length === 0)
    throw new Error(
      `BENCH_KAFKA_ROLLING_SIGNALS: ${unknown.join(', ') || 'empty'}; known: ${ROLLING_SIGNALS.join(', ')}`,
    );
  return {
    context,
    rate: intSetting('BENCH_KAFKA_ROLLING_RATE', intSetting('BENCH_KAFKA_RATE', 10, { env, min: 1 }), { env, min: 1 }),
    seconds: intSetting('BENCH_KAFKA_ROLLING_SECONDS', 10, { env, min: 1 }),
    signals: signals as RollingSignal[],
    httpIntervalMs: intSetting('BENCH_KAFKA_ROLLING_HTTP_MS', 20, { env, min: 0 }),
  };
}

function cutOverConfigFromEnv(env: NodeJS.ProcessEnv): CutOverConfig | undefined {
  const context = stringSetting('BENCH_KAFKA_CUTOVER_CONTEXT', 'loyalty', env).trim();
  if (context === 'none') return undefined;
  if (!(CUT_OVER_CONTEXTS as readonly string[]).includes(context))
    throw new Error(
      `BENCH_KAFKA_CUTOVER_CONTEXT: ${context}; known: ${CUT_OVER_CONTEXTS.join(', ')}, or none ` +
        `(payments' and notifications' cut-over under traffic needs --force: ADR 0023)`,
    );
  return {
    context,
    rate: intSetting('BENCH_KAFKA_CUTOVER_RATE', intSetting('BENCH_KAFKA_RATE', 10, { env, min: 1 }), { env, min: 1 }),
    seconds: intSetting('BENCH_KAFKA_CUTOVER_SECONDS', 5, { env, min: 1 }),
  };
}

/** Kafka settings the platform reads; they pass through to its processes and appear in the reproduce line */
export const KAFKA_KNOBS = /^KAFKA_[A-Z_]+$/;
const BENCH_KNOBS = /^(DATABASE_URL|BENCH_KAFKA_[A-Z_]+)$/;

/** the command line that repeats this run: the knobs set in this environment, then the script */
export function kafkaReproduceCommand(env: NodeJS.ProcessEnv = process.env): string {
  const set = Object.keys(env)
    .filter((name) => (BENCH_KNOBS.test(name) || PLATFORM_KNOBS.test(name) || KAFKA_KNOBS.test(name)) && env[name])
    .sort()
    .map((name) => `${name}=${shellQuote(env[name] ?? '')}`);
  return [...set, 'npm run bench:kafka'].join(' ');
}
