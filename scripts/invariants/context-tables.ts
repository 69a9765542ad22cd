import { CONTEXTS, type ContextName, type Query, type Sources } from './invariant';

/**
 * The contexts whose database has `<context>.<table>`, each with its query. Every context gets
 * an outbox and dead letters from the platform, but a context that is not deployed (or not
 * migrated yet) has none, and that is reported rather than failed.
 */
export async function contextsWithTable(
  sources: Sources,
  table: string,
): Promise<{ present: Array<[ContextName, Query]>; missing: ContextName[] }> {
  const present: Array<[ContextName, Query]> = [];
  const missing: ContextName[] = [];
  for (const context of CONTEXTS) {
    const query = sources[context];
    const [row] = await query('SELECT to_regclass($1) IS NOT NULL AS present', [`${context}.${table}`]);
    if (row?.present === true) present.push([context, query]);
    else missing.push(context);
  }
  return { present, missing };
}
