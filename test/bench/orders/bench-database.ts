import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@platform/testing';
import { packageVersion } from '../machine';
import type { BenchDatabaseKind, OrdersBenchConfig } from './orders-bench-config';
import { pgliteSocketPort } from './pglite-socket-port';
import type { PlatformProcess, PlatformStart } from './platform-process';
import { serverSettings } from './server-settings';

/**
 * The database the measured platform runs on, and how the benchmark reaches it.
 * - postgres: a fresh scratch database on the DATABASE_URL server; the bench reads it on a
 *   connection of its own, which the server runs in a backend of its own.
 * - pglite: the embedded default as `npm start` runs it: no DATABASE_URL, a fresh PGLITE_DATA_DIR
 *   in a temp folder. PGlite runs inside the platform process and only that process may open the
 *   folder (ADR 0018), so the bench reads through the platform's own pglite-socket, the loopback
 *   port its pools use (ADR 0003): the same SQL, queued on PGlite's one session with the
 *   platform's transactions and run on the platform's CPU.
 */
export interface BenchDatabase {
  readonly kind: BenchDatabaseKind;
  /** the report header's database line */
  readonly header: string;
  /** where the data is, and that it goes at the end */
  readonly scratch: string;
  /** how the bench's own reads reach the data */
  readonly reads: string;
  /** the platform's database settings */
  readonly platform: Pick<PlatformStart, 'databaseUrl' | 'env'>;
  /** the scratch database on the server, for what needs one (pgbench, pg_stat_*); none on PGlite */
  readonly serverUrl?: string;
  /** the URL of the bench's own connection while `platform` runs */
  readerUrl(platform: PlatformProcess): string;
  release(): Promise<void>;
}

export async function openBenchDatabase(config: OrdersBenchConfig): Promise<BenchDatabase> {
  return config.database === 'pglite' ? embeddedDatabase() : scratchDatabase(config.databaseUrl);
}

async function scratchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const header = await serverSettings(serverUrl);
  process.env.DATABASE_URL = serverUrl; // createTestDatabase() reads it
  const target = await createTestDatabase('postgres');
  return {
    kind: 'postgres',
    header,
    scratch: `scratch database ${new URL(target.url).pathname.slice(1)} (dropped at the end)`,
    reads: 'a separate connection to the same database',
    platform: { databaseUrl: target.url },
    serverUrl: target.url,
    readerUrl: () => target.url,
    release: () => target.release(),
  };
}

function embeddedDatabase(): BenchDatabase {
  const folder = mkdtempSync(join(tmpdir(), 'bench-orders-pglite-'));
  const dataDir = join(folder, 'pglite'); // the admin token file goes beside it, in the same folder
  return {
    kind: 'pglite',
    header:
      `none (BENCH_ORDERS_DATABASE=pglite): PGlite ${packageVersion('@electric-sql/pglite')} embedded in the platform ` +
      `process behind pglite-socket ${packageVersion('@electric-sql/pglite-socket')}, as \`npm start\` runs it`,
    scratch: `embedded database: PGLITE_DATA_DIR=${dataDir}, no DATABASE_URL, a fresh folder (removed at the end)`,
    reads:
      "the platform's own pglite-socket (its loopback port, found in /proc), queued on PGlite's one session with the platform's transactions",
    platform: { env: { PGLITE_DATA_DIR: dataDir } },
    readerUrl: (platform) =>
      `postgres://postgres@127.0.0.1:${pgliteSocketPort(platform.pid, Number(new URL(platform.baseUrl).port))}/postgres`,
    release: async () => rmSync(folder, { recursive: true, force: true }),
  };
}
