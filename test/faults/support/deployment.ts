import { Pool } from 'pg';
import type { DatabaseTarget } from '@platform/database';
import { createTestDatabase, requirePostgresUrl } from '@platform/testing';
import { startMonolith, stopGracefully, type Monolith } from '../../e2e/support/monolith-process';
import { ADMIN_TOKEN, FAST_FLOW } from '../../e2e/support/running-platform';
import { InProcessOffsets, KafkaOffsets, type ConsumerOffsets } from './consumer-offsets';
import { transportEnv, type FaultTransport } from './fault-transport';

/** which contexts each process runs, by process name: `{ core: ['orders', ...], side: [...] }` */
export type Topology = Readonly<Record<string, readonly string[]>>;

/** partitions of every in-process topic, fixed so a test can append where the platform would */
export const LOG_PARTITIONS = 8;

export const ONE_PROCESS: Topology = {
  all: ['orders', 'inventory', 'payments', 'shipping', 'notifications', 'loyalty', 'analytics'],
};
export const TWO_PROCESSES: Topology = {
  checkout: ['orders', 'inventory', 'payments'],
  aftermath: ['shipping', 'notifications', 'loyalty', 'analytics'],
};

/**
 * The platform as a fault scenario runs it: one fresh PostgreSQL database, and one or more
 * monolith processes on it (`CONTEXTS=...`), each consumer group in exactly one process (ADR 0005).
 * Processes can be killed, stopped and restarted by name; HTTP calls go to the process that
 * currently hosts the context. `db` is the test's own small pool on the same database; `offsets`
 * reads the consumer groups' progress on the transport (on Kafka: topics and groups of the
 * deployment's own prefix, through the admin API).
 */
export class Deployment {
  private readonly running = new Map<string, Monolith>();
  readonly started: Monolith[] = [];
  private consumerOffsets?: ConsumerOffsets;

  private constructor(
    readonly transport: FaultTransport,
    readonly topology: Topology,
    private readonly target: DatabaseTarget,
    /** what every process of the deployment runs with (transport settings included) */
    readonly env: NodeJS.ProcessEnv,
    readonly db: Pool,
  ) {}

  /** undefined (the scenario is skipped, loudly) without a PostgreSQL server outside CI */
  static async start(
    transport: FaultTransport,
    topology: Topology,
    env: NodeJS.ProcessEnv = {},
  ): Promise<Deployment | undefined> {
    if (!requirePostgresUrl('the fault-injection suite')) return undefined;
    const target = await createTestDatabase('postgres');
    const db = new Pool({ connectionString: target.url, max: 3, application_name: 'faults:probe' });
    // an idle client whose server went away (the database-restart scenario) is dropped by the pool,
    // which reports it here; unheard, the 'error' event would end the test run
    db.on('error', () => undefined);
    const deployment = new Deployment(transport, topology, target, { ...baseEnv(transport, target.url), ...env }, db);
    try {
      deployment.consumerOffsets =
        transport === 'kafka' ? await KafkaOffsets.open(deployment.env) : new InProcessOffsets(db);
      // one after the other: every process migrates the shared `messaging` schema at start
      for (const name of Object.keys(topology)) await deployment.startProcess(name);
    } catch (error) {
      await deployment.close();
      throw error;
    }
    return deployment;
  }

  get offsets(): ConsumerOffsets {
    if (!this.consumerOffsets) throw new Error('the deployment is not started');
    return this.consumerOffsets;
  }

  get url(): string {
    return this.target.url;
  }

  processNames(): string[] {
    return Object.keys(this.topology);
  }

  /** the process that runs `context` (throws while it is down) */
  hosting(context: string): Monolith {
    const name = this.processOf(context);
    const child = this.running.get(name);
    if (!child) throw new Error(`${name} (running ${context}) is down`);
    return child;
  }

  processOf(context: string): string {
    const name = Object.keys(this.topology).find((n) => this.topology[n].includes(context));
    if (!name) throw new Error(`no process runs ${context}`);
    return name;
  }

  async startProcess(name: string): Promise<Monolith> {
    const contexts = this.topology[name];
    if (!contexts) throw new Error(`no process named ${name}`);
    const child = await startMonolith({ ...this.env, CONTEXTS: contexts.join(',') });
    this.running.set(name, child);
    this.started.push(child);
    return child;
  }

  /** SIGKILL: no drain, no commit of anything in flight */
  async kill(name: string): Promise<void> {
    const child = this.running.get(name);
    if (!child) throw new Error(`${name} is not running`);
    this.running.delete(name);
    child.process.kill('SIGKILL');
    await child.exited;
  }

  /** SIGTERM, drained (exit code 0 expected) */
  async stop(name: string): Promise<void> {
    const child = this.running.get(name);
    if (!child) throw new Error(`${name} is not running`);
    this.running.delete(name);
    await stopGracefully(child);
  }

  /** an admin call to the process hosting `context`; throws unless 2xx */
  async admin(context: string, method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.hosting(context).baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** `/metrics` of every running process, concatenated */
  async metrics(): Promise<string> {
    const texts = await Promise.all(
      [...this.running.values()].map(async (p) => (await fetch(`${p.baseUrl}/metrics`)).text()),
    );
    return texts.join('\n');
  }

  /** error-level log messages of every process started, for the scenario's report */
  errors(): Record<string, number> {
    const all: Record<string, number> = {};
    for (const p of this.started) for (const [msg, n] of Object.entries(p.errors())) all[msg] = (all[msg] ?? 0) + n;
    return all;
  }

  /** stops every process (gracefully, else killed), then drops the database */
  async close(): Promise<void> {
    for (const name of [...this.running.keys()]) await this.stop(name).catch(() => undefined);
    for (const p of this.started)
      if (p.process.exitCode === null && p.process.signalCode === null) p.process.kill('SIGKILL');
    await Promise.all(this.started.map((p) => p.exited));
    await this.consumerOffsets?.close();
    await this.db.end();
    await this.target.release();
  }
}

/** FAST_FLOW, shipments advancing on their own, no demo catalogue, small pools (2 cores, 100 connections) */
function baseEnv(transport: FaultTransport, url: string): NodeJS.ProcessEnv {
  return {
    ...FAST_FLOW,
    ...transportEnv(transport),
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: '3',
    INPROCESS_PARTITIONS: String(LOG_PARTITIONS),
    SHIPPING_AUTO_ADVANCE: 'true',
    INVENTORY_SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    METRICS_DEFAULT: 'false',
  };
}
