/**
 * `npm run bench:outbox`: how fast the transactional outbox relay moves events into the
 * in-process log, and how long an event takes from its writer's commit to a consumer, on a
 * PostgreSQL server and on the embedded PGlite (on disk, as users run it), beside the server's
 * own pgbench ceiling from the same run. Prints figures and never asserts: it is a measurement,
 * not a test. Knobs: see bench-config.ts; docs/benchmarks.md records measured figures.
 */
import { Client } from 'pg';
import { TestEventV1Contract } from '@platform/testing';
import {
  benchConfigFromEnv,
  DEFAULT_DATABASE_URL,
  reproduceCommand,
  type BenchBackend,
  type BenchConfig,
} from './bench-config';
import { openBenchStack, type BenchStack } from './bench-stack';
import { packageVersion, printRunHeader } from './machine';
import { EventSource } from './outbox-writers';
import { formatCount, formatSummary } from './percentiles';
import { pgbenchCeiling, type Ceiling } from './pgbench-ceiling';
import { measureLatency, measureThroughput, type LatencyResult, type ThroughputResult } from './relay-phases';
import { printCeiling, printLatency, printThroughput, printWhereTimeGoes } from './report';
import { runBench } from './run-bench';

interface BackendResult {
  readonly backend: BenchBackend;
  readonly version: string;
  readonly throughput: ThroughputResult;
  readonly latency: LatencyResult;
}

const LABEL: Record<BenchBackend, string> = { postgres: 'PostgreSQL server', pglite: 'PGlite on disk' };

async function main(): Promise<void> {
  process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL; // createTestDatabase() reads it
  process.env.LOG_LEVEL ??= 'warn';
  const config = benchConfigFromEnv();
  const command = reproduceCommand();
  printRunHeader(
    'Outbox relay benchmark',
    `${await serverVersion(config.databaseUrl)} at ${redact(config.databaseUrl)}`,
    command,
  );

  const results: BackendResult[] = [];
  for (const backend of config.backends) results.push(await runBackend(backend, config));

  let ceiling: Ceiling = { skipped: 'PostgreSQL not among BENCH_BACKENDS' };
  const pg = results.find((r) => r.backend === 'postgres');
  if (pg) {
    console.log(`\n== 3. Ceiling: pgbench on the same server ==`);
    ceiling = await pgbenchCeiling(config.databaseUrl, config.pgbenchClients, config.pgbenchSeconds);
    printCeiling(ceiling, pg.throughput.eventsPerSecond);
  }

  console.log(`\n== Summary ==`);
  for (const r of results) {
    console.log(
      `  ${LABEL[r.backend].padEnd(18)} relay ${formatCount(r.throughput.eventsPerSecond).padStart(7)} events/s | commit->consumer at ${formatCount(r.latency.rate)}/s: ${formatSummary(r.latency.latency)}`,
    );
  }
  if (pg && 'tps' in ceiling) {
    console.log(
      `  pgbench ceiling    ${formatCount(ceiling.tps).padStart(7)} commits/s | relay/ceiling ${(pg.throughput.eventsPerSecond / ceiling.tps).toFixed(2)}`,
    );
  }
  console.log(`\n== Where the time goes (throughput phase, measured per drain) ==`);
  for (const r of results) printWhereTimeGoes(`${LABEL[r.backend]} (${r.version})`, r.throughput);
  console.log(`\nreproduce: ${command}`);
}

async function runBackend(backend: BenchBackend, config: BenchConfig): Promise<BackendResult> {
  const plan = config.plans[backend];
  console.log(`\n== ${LABEL[backend]} ==`);
  const opened = Date.now();
  const stack = await openBenchStack(backend);
  try {
    const version = await stackVersion(stack);
    const o = stack.relayOptions;
    console.log(`  ${version}; opened and migrated in ${((Date.now() - opened) / 1000).toFixed(1)} s`);
    console.log(
      `  relay: OUTBOX_BATCH_SIZE=${o.batchSize} OUTBOX_LANES=${o.lanes} OUTBOX_MAX_LANES_PER_DRAIN=${o.maxLanesPerDrain} ` +
        `OUTBOX_BLOCKED_POLL_MS=${o.blockedPollMs} OUTBOX_IDLE_POLL_MS=${o.idlePollMs} NOTIFY=${stack.notify ? 'on' : 'off'} ` +
        `${o.embedded ? '(embedded: no lane locks)' : '(lane locks)'}; INPROCESS_PARTITIONS=${stack.log.partitions}; ` +
        `pool per data source ${(stack.outboxDataSource.options as { poolSize?: number }).poolSize}`,
    );
    console.log(
      `  events: ${TestEventV1Contract.topic} over ${formatCount(config.keys)} keys, note of ${config.noteBytes} bytes; ` +
        `${plan.writers} writers, ${plan.eventsPerTx} events per pre-fill transaction`,
    );
    const source = new EventSource(config.keys, config.noteBytes);
    console.log(
      `-- 1. relay throughput (${formatCount(plan.events)} events pre-filled and ANALYZEd, then the relay alone)`,
    );
    const throughput = await measureThroughput(stack, source, plan);
    printThroughput(throughput);
    console.log(
      `-- 2. latency (${formatCount(plan.rate)} events/s for ${plan.latencySeconds} s, single-event transactions, relay and consumer running; outbox VACUUM ANALYZEd first)`,
    );
    const latency = await measureLatency(stack, source, plan);
    printLatency(latency);
    return { backend, version, throughput, latency };
  } finally {
    await stack.close();
  }
}

async function stackVersion(stack: BenchStack): Promise<string> {
  const [{ v }]: Array<{ v: string }> = await stack.outboxDataSource.query(
    `SELECT current_setting('server_version') AS v`,
  );
  const [{ sc }]: Array<{ sc: string }> = await stack.outboxDataSource.query(
    `SELECT current_setting('synchronous_commit') AS sc`,
  );
  return stack.target.embedded
    ? `PGlite ${packageVersion('@electric-sql/pglite')} (PostgreSQL ${v}), synchronous_commit=${sc}`
    : `PostgreSQL ${v}, synchronous_commit=${sc}`;
}

async function serverVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    return `PostgreSQL ${rows[0].v}`;
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  return url.replace(/:[^:@/]+@/, ':***@');
}

runBench(main);
