import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataDirLock, type DataDirOwner } from './data-dir-lock';
import { serialiseExtendedQueries } from './pglite-socket-serialization';
import type { Environment } from '@platform/config';
import { DATABASE_SETTINGS } from './database-settings';

/**
 * The embedded default: PGlite (PostgreSQL compiled to WebAssembly) on disk, served on a loopback
 * port through pglite-socket so TypeORM talks to it with the ordinary `pg` driver.
 * See docs/adr/0003-embedded-pglite.md for why not the direct typeorm-pglite driver.
 *
 * PGlite is ONE session underneath: transactions run one at a time across all connections.
 * Nothing may hold a transaction while awaiting another connection, or the process deadlocks.
 */
export interface EmbeddedPostgresOptions {
  /** folder for the data files; `memory://` keeps everything in memory (tests) */
  readonly dataDir: string;
  /** must exceed the sum of every pool that connects, or extra connections are dropped */
  readonly maxConnections: number;
}

export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
    /** the folder's lock (docs/adr/0018); none in memory */
    readonly lock: DataDirLock | undefined,
  ) {}

  /**
   * Opens the folder, first taking its lock: a second process is refused at once with a
   * DataDirLockedError that names the owner, before it reads a byte of the data.
   */
  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const inMemory = options.dataDir.startsWith('memory://');
    const dataDir = inMemory ? options.dataDir : resolve(options.dataDir);
    if (!inMemory) mkdirSync(dataDir, { recursive: true }); // PGlite does not create it
    const lock = inMemory ? undefined : await DataDirLock.acquire(dataDir, ownerDetails.command);
    if (ownerDetails.http) lock?.describe({ http: ownerDetails.http });
    try {
      const db = await PGlite.create({ dataDir });
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
      serialiseExtendedQueries(server);
      await server.start();
      return new EmbeddedPostgres(db, server, `postgres://postgres@${server.getServerConn()}/postgres`, lock);
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    await this.lock?.release(); // only once the files are closed
  }
}

/** what this process tells another one that finds the data folder locked */
const ownerDetails: { command: string; http?: string } = { command: '' };

/**
 * Names this process to anyone who finds the embedded data folder locked: what it is (set
 * before the database opens) and, once it listens, where its HTTP admin API answers.
 */
export function describeEmbeddedOwner(details: Partial<Pick<DataDirOwner, 'command' | 'http'>>): void {
  Object.assign(ownerDetails, details);
  void shared?.instance.then((instance) => instance.lock?.describe(details)).catch(() => undefined);
}

function defaultCommand(env: Environment): string {
  const event = env.npm_lifecycle_event;
  return event ? `npm run ${event}` : `node ${process.argv.slice(1, 2).join(' ')}`.trim();
}

/** the embedded database's folder (PGLITE_DATA_DIR, default ./data/pglite) */
export function embeddedDataDir(env: Environment): string {
  return DATABASE_SETTINGS.read(env).PGLITE_DATA_DIR;
}

/**
 * One embedded database per process, shared by every context (each in its own schema),
 * started on first use and stopped when the last user releases it.
 */
let shared: { instance: Promise<EmbeddedPostgres>; users: number } | undefined;

export async function acquireEmbeddedPostgres(env: Environment): Promise<string> {
  if (!shared) {
    ownerDetails.command ||= defaultCommand(env);
    shared = {
      instance: EmbeddedPostgres.start({
        dataDir: embeddedDataDir(env),
        maxConnections: DATABASE_SETTINGS.read(env).PGLITE_MAX_CONNECTIONS,
      }),
      users: 0,
    };
  }
  shared.users += 1;
  return (await shared.instance).url;
}

export async function releaseEmbeddedPostgres(): Promise<void> {
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  const { instance } = shared;
  shared = undefined;
  await (await instance).stop();
}
