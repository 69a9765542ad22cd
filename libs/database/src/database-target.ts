import { acquireEmbeddedPostgres, releaseEmbeddedPostgres } from './embedded-postgres';
import { databaseUrlFor } from './database-url';

/** Where a context's data lives, and whether it is the single-session embedded PGlite. */
export interface DatabaseTarget {
  readonly url: string;
  /** true on PGlite: one transaction at a time, no SKIP LOCKED, no cross-connection NOTIFY */
  readonly embedded: boolean;
  release(): Promise<void>;
}

export async function resolveDatabaseTarget(
  context: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DatabaseTarget> {
  const url = databaseUrlFor(context, env);
  if (url) return { url, embedded: false, release: async () => undefined };
  return { url: await acquireEmbeddedPostgres(env), embedded: true, release: releaseEmbeddedPostgres };
}
