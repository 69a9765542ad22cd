import type { Client } from 'openapi-fetch';
import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '@platform/database';
import { createTestDatabase } from '@platform/testing';
import { CONTEXTS, type ContextName } from '../../../scripts/invariants/check-invariants';
import { routedClients } from './context-routes';
import { startMonolith, stopGracefully, type Monolith } from './monolith-process';
import type { paths } from '../api/schema';
import type { PlatformUnderTest } from './platform-under-test';
import { FAST_FLOW } from './running-platform';

/** every context in one monolith process */
export const MONOLITH: Readonly<Record<string, readonly ContextName[]>> = { monolith: CONTEXTS };

/** every context as its own process, `node -r @swc-node/register apps/<context>/src/main.ts` */
export const SPLIT: Readonly<Record<string, readonly ContextName[]>> = Object.fromEntries(
  CONTEXTS.map((context) => [context, [context]]),
);

/**
 * The platform as child processes on one fresh PostgreSQL database (each context in its own
 * schema), every process with the same `env` (the transport and its topic prefix included).
 * HTTP goes through `api` and `admin` to the process serving each path now: `run` moves the
 * contexts it names to the process it starts.
 */
export class ProcessPlatform implements PlatformUnderTest {
  private readonly hosts = new Map<ContextName, Monolith>();
  private readonly processes = new Set<Monolith>();
  readonly api: Client<paths>;
  readonly admin: Client<paths>;

  private constructor(
    private readonly target: DatabaseTarget,
    private readonly env: NodeJS.ProcessEnv,
    readonly db: DataSource,
  ) {
    ({ api: this.api, admin: this.admin } = routedClients((context) => this.baseUrlOf(context)));
  }

  static async start(env: NodeJS.ProcessEnv, topology: Readonly<Record<string, readonly ContextName[]>>) {
    const target = await createTestDatabase('postgres');
    const db = new DataSource({ type: 'postgres', url: target.url, extra: { max: 3 } });
    await db.initialize();
    const platform = new ProcessPlatform(target, { ...FAST_FLOW, ...env, DATABASE_URL: target.url }, db);
    try {
      const apps = Object.entries(topology);
      // in-process, every process migrates the shared `messaging` schema at start: one after the
      // other. On Kafka each migrates only its own contexts' schemas, so they can start together
      if (env.TRANSPORT === 'kafka') await Promise.all(apps.map(([app, contexts]) => platform.run(app, contexts)));
      else for (const [app, contexts] of apps) await platform.run(app, contexts);
    } catch (error) {
      await platform.close();
      throw error;
    }
    return platform;
  }

  get databaseUrl(): string {
    return this.target.url;
  }

  /**
   * starts `app` (`monolith` with CONTEXTS, or one context's own main.ts) and routes its contexts
   * to it; `overrides` change the platform's env for this process (another transport, say)
   */
  async run(app: string, contexts: readonly ContextName[], overrides: NodeJS.ProcessEnv = {}): Promise<Monolith> {
    const base = { ...this.env, ...overrides };
    const env = app === 'monolith' ? { ...base, CONTEXTS: contexts.join(',') } : base;
    const child = await startMonolith(env, { app });
    this.processes.add(child);
    for (const context of contexts) this.hosts.set(context, child);
    return child;
  }

  /** SIGTERM, drained and committed (exit code 0 expected) */
  async stop(child: Monolith): Promise<void> {
    this.processes.delete(child);
    for (const [context, host] of this.hosts) if (host === child) this.hosts.delete(context);
    await stopGracefully(child);
  }

  /** the process that serves `context` now (started for it, alone or in the monolith) */
  hostOf(context: ContextName): Monolith {
    const host = this.hosts.get(context);
    if (!host) throw new Error(`no process serves ${context}`);
    return host;
  }

  /** the processes running now, in the order they started */
  running(): Monolith[] {
    return [...this.processes];
  }

  async close(): Promise<void> {
    for (const child of [...this.processes]) await this.stop(child).catch(() => child.process.kill('SIGKILL'));
    await this.db.destroy();
    await this.target.release();
  }

  private baseUrlOf(context: ContextName | undefined): string {
    const host = context ? this.hosts.get(context) : [...this.processes][0];
    if (!host) throw new Error(`no process serves ${context ?? 'anything'}`);
    return host.baseUrl;
  }
}
