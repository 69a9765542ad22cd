import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { EmbeddedPostgres, type DatabaseTarget } from '@platform/database';
import { testRunVariable } from './test-environment';

export type Backend = 'pglite' | 'postgres';

/**
 * The database backends a suite runs on: PGlite always; a PostgreSQL server when DATABASE_URL is
 * set. Without one, the suite says so loudly and skips, except under CI=true, where a missing
 * server is a failure (it must not pass by testing less).
 */
export function databaseBackends(): Backend[] {
  if (testRunVariable('DATABASE_URL')) return ['pglite', 'postgres'];
  if (testRunVariable('CI') === 'true')
    throw new Error('DATABASE_URL is not set: under CI=true every suite must also run on PostgreSQL');
  const suite = expect.getState().testPath ?? 'a suite';
  process.stderr.write(`\n!!! ${suite}: PostgreSQL part SKIPPED, no DATABASE_URL (runs on PGlite only)\n`);
  return ['pglite'];
}

export function requirePostgresUrl(suite: string): string | undefined {
  const url = testRunVariable('DATABASE_URL');
  if (url) return url;
  if (testRunVariable('CI') === 'true')
    throw new Error(`${suite} needs a PostgreSQL server: set DATABASE_URL (CI=true makes this an error)`);
  process.stderr.write(`\n!!! ${suite}: SKIPPED, no PostgreSQL server (set DATABASE_URL to run it)\n`);
  return undefined;
}

/**
 * A database of the test's own: a fresh database on the PostgreSQL server (dropped afterwards),
 * or an in-memory PGlite. Every test gets clean schemas, so suites can run in parallel.
 */
export async function createTestDatabase(backend: Backend): Promise<DatabaseTarget> {
  if (backend === 'pglite') {
    const embedded = await EmbeddedPostgres.start({ dataDir: 'memory://', maxConnections: 100 });
    return { url: embedded.url, embedded: true, release: () => embedded.stop() };
  }
  const serverUrl = testRunVariable('DATABASE_URL');
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    release: () =>
      withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

async function withAdmin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
