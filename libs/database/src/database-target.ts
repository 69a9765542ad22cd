import type { Environment } from '@platform/config';
import { DATABASE_SETTINGS } from './database-settings';
import { acquireEmbeddedPostgres, releaseEmbeddedPostgres } from './embedded-postgres';
import { databaseUrlFor } from './database-url';

/** Where a context's data lives, and whether it is the single-session embedded PGlite. */
export interface DatabaseTarget {
  readonly url: string;
  /** true on PGlite: one transaction at a time, no SKIP LOCKED, no cross-connection NOTIFY */
  readonly embedded: boolean;
  /** connections per data source on a server (DATABASE_POOL_SIZE); 5 when not said */
  readonly poolSize?: number;
  /** repeated statements as prepared ones unless false (DATABASE_PREPARED_STATEMENTS); never on PGlite, whose one session all connections share */
  readonly preparedStatements?: boolean;
  release(): Promise<void>;
}

export async function resolveDatabaseTarget(context: string, env: Environment): Promise<DatabaseTarget> {
  const url = databaseUrlFor(context, env);
  const { DATABASE_POOL_SIZE: poolSize, DATABASE_PREPARED_STATEMENTS: preparedStatements } =
    DATABASE_SETTINGS.read(env);
  if (url) return { url, embedded: false, poolSize, preparedStatements, release: async () => undefined };
  return { url: await acquireEmbeddedPostgres(env), embedded: true, release: releaseEmbeddedPostgres };
}
