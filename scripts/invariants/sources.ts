import type { Environment } from '@platform/config';
import { Client } from 'pg';
import { databaseUrlFor } from '../../libs/database/src/database-url';
import { CONTEXTS, type ContextName, type Query, type Sources } from './invariant';

export interface ConnectedSources {
  readonly sources: Sources;
  /** distinct databases connected to (1 for the monolith) */
  readonly databases: number;
  close(): Promise<void>;
}

/**
 * Each context's database URL, resolved exactly as the platform does (`<CONTEXT>_DATABASE_URL`,
 * else `DATABASE_URL`). Contexts without one would use the embedded PGlite, which only the
 * process that owns its data folder can open: those are returned as missing.
 */
export function contextUrls(env: Environment): {
  readonly urls: Partial<Record<ContextName, string>>;
  readonly missing: ContextName[];
} {
  const urls: Partial<Record<ContextName, string>> = {};
  const missing: ContextName[] = [];
  for (const context of CONTEXTS) {
    const url = databaseUrlFor(context, env);
    if (url) urls[context] = url;
    else missing.push(context);
  }
  return { urls, missing };
}

/**
 * One connection per distinct database, each inside a read-only REPEATABLE READ transaction,
 * so every check sees one consistent snapshot of each database (of the whole platform, in the
 * monolith). Between databases there is no common snapshot: the settle window covers that.
 */
export async function connectSources(
  urls: Readonly<Record<ContextName, string>>,
  options: { snapshot?: boolean } = {},
): Promise<ConnectedSources> {
  const clients = new Map<string, Client>();
  try {
    for (const url of new Set(Object.values(urls))) {
      const client = new Client({ connectionString: url, application_name: 'order-platform:invariants' });
      clients.set(url, client);
      await client.connect();
      if (options.snapshot ?? true) await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    }
  } catch (error) {
    await closeAll(clients.values());
    throw error;
  }
  const queryOf = options.snapshot === false ? plainQuery : isolatedQuery;
  const sources = Object.fromEntries(CONTEXTS.map((c) => [c, queryOf(clients.get(urls[c]) as Client)]));
  return { sources: sources as Sources, databases: clients.size, close: () => closeAll(clients.values()) };
}

function plainQuery(client: Client): Query {
  return async (sql, params) =>
    (await client.query(sql, params ? [...params] : undefined)).rows as Array<Record<string, unknown>>;
}

/** inside the snapshot, a failing query (a missing table) must not abort the checks after it */
function isolatedQuery(client: Client): Query {
  const query = plainQuery(client);
  return async (sql, params) => {
    await client.query('SAVEPOINT invariant_query');
    try {
      const rows = await query(sql, params);
      await client.query('RELEASE SAVEPOINT invariant_query');
      return rows;
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT invariant_query');
      throw error;
    }
  };
}

async function closeAll(clients: Iterable<Client>): Promise<void> {
  for (const client of clients) {
    await client.end().catch(() => undefined); // ending a connection ends its read-only transaction
  }
}

/** a URL fit for a log line: the password masked */
export function redactUrl(url: string): string {
  return url.replace(/:[^:@/]+@/, ':***@');
}
