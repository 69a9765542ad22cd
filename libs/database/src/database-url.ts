import type { Environment } from '@platform/config';

/**
 * Which database a context uses: `<CONTEXT>_DATABASE_URL`, else `DATABASE_URL`, else the embedded
 * PGlite (returned as `undefined`: the caller starts the embedded server).
 */
export function databaseUrlFor(context: string, env: Environment): string | undefined {
  const specific = env[`${context.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`];
  return nonEmpty(specific) ?? nonEmpty(env.DATABASE_URL);
}

/** whether a context would open the embedded PGlite (no database URL names a server for it) */
export function usesEmbeddedDatabase(context: string, env: Environment): boolean {
  return databaseUrlFor(context, env) === undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim().length > 0 ? value.trim() : undefined;
}

/** Schema names are interpolated into SQL, so they are restricted to safe identifiers. */
export function assertSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`unsafe schema name "${schema}"`);
  return schema;
}
