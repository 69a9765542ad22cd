import type { SqlQuery } from './shadow-run';

/**
 * What a context's schema is to the cut-over (ADR 0023): a live schema (no `shadow_run`), a
 * shadow's copy not cut over yet, or a copy the cut-over promoted (the context's database now).
 */
export type ShadowCopyState = 'live' | 'shadow' | 'promoted';

export async function shadowCopyStateOf(query: SqlQuery, context: string): Promise<ShadowCopyState> {
  const [exists] = await query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`${context}.shadow_run`]);
  if (!exists?.present) return 'live';
  // promoted_at is added by the cut-over: read through jsonb, present or not
  const [row] = await query(`SELECT to_jsonb(r)->>'promoted_at' AS promoted_at FROM ${context}.shadow_run r`);
  return row?.promoted_at ? 'promoted' : 'shadow';
}

/**
 * Why a process may not run `context` on this schema, or undefined: a live deployment on a shadow's
 * copy before the cut-over would consume from the live group's offsets and publish the shadow's
 * outbox, outputs the live context already published; a shadow on a promoted copy would consume
 * beside the deployment that now owns it.
 */
export function refusalToRun(context: string, state: ShadowCopyState, shadow: boolean): string | undefined {
  if (!shadow && state === 'shadow')
    return (
      `this database's ${context} schema is a shadow's copy that was not cut over: run npm run migrate -- cut-over ` +
      `${context} first (docs/deploy.md#cut-over), or start it with SHADOW=true`
    );
  if (shadow && state === 'promoted')
    return (
      `SHADOW=true, but this database's ${context} schema was cut over: it is the live ${context}'s database now ` +
      `(start it without SHADOW; a new shadow needs a new npm run migrate -- shadow)`
    );
  return undefined;
}
