import type { DataSource } from 'typeorm';
import type { Environment } from '@platform/config';
import { openContextDataSource, resolveDatabaseTarget, type DatabaseTarget } from '@platform/database';
import { OUTBOX_MIGRATIONS } from '@platform/outbox';
import { DeadLetterOperations1764000000010 } from '@platform/dead-letters';
import { DeadLetterRetention1764000000011 } from '@platform/dead-letters';
import { PlatformInbox1764000000001 } from '../pipeline/inbox.migration';
import { refusalToRun, shadowCopyStateOf } from '../shadow/shadow-copy-state';
import type { ContextModuleOptions } from './context-module-options';

export interface ContextDatabase {
  readonly target: DatabaseTarget;
  readonly dataSource: DataSource;
}

/**
 * Opens a context's schema on its database, migrated, and refuses to go on where a shadow and a
 * live deployment would mix up their data (ADR 0021, 0023): then it closes what it opened.
 */
export async function openContextDatabase(
  options: ContextModuleOptions,
  env: Environment,
  shadow: boolean,
): Promise<ContextDatabase> {
  const { name } = options;
  const target = await resolveDatabaseTarget(name, env);
  const dataSource = await openContextDataSource(target, {
    context: name,
    entities: options.entities,
    migrations: contextMigrations(options),
  });
  if (shadow && !(await isShadowCopy(dataSource, name))) {
    await dataSource.destroy();
    await target.release();
    throw new Error(
      `SHADOW=true, but this database's ${name} schema is not a shadow copy (no ${name}.shadow_run): ` +
        `make one with npm run migrate -- shadow ${name} and point ${name.toUpperCase()}_DATABASE_URL at it`,
    );
  }
  await refuseMisusedShadowCopy(dataSource, () => target.release(), name, shadow);
  return { target, dataSource };
}

/**
 * Every migration of a context's schema, in the order they run: the platform's tables (outbox,
 * inbox, dead letters) and then the context's own. The migration CLI creates a context's schema on
 * another server with this same list, so the copy lands in exactly what the platform would create.
 */
export function contextMigrations(options: Pick<ContextModuleOptions, 'migrations'>) {
  return [
    ...OUTBOX_MIGRATIONS,
    PlatformInbox1764000000001,
    DeadLetterOperations1764000000010,
    DeadLetterRetention1764000000011,
    ...(options.migrations ?? []),
  ];
}

/**
 * A shadow writes only into a copy `migrate shadow` made (it holds `shadow_run`): pointed at the
 * live database by mistake, it would write into the live schema, so it stops at start instead.
 */
async function isShadowCopy(dataSource: DataSource, name: string): Promise<boolean> {
  const rows = (await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS copy`, [`${name}.shadow_run`])) as Array<{
    copy: boolean;
  }>;
  return rows[0]?.copy === true;
}

/** a live process on a shadow's copy not cut over, or a shadow on a promoted one, stops at start (ADR 0023) */
async function refuseMisusedShadowCopy(
  dataSource: DataSource,
  release: () => Promise<void>,
  name: string,
  shadow: boolean,
): Promise<void> {
  const state = await shadowCopyStateOf((sql, params) => dataSource.query(sql, params), name);
  const refusal = refusalToRun(name, state, shadow);
  if (!refusal) return;
  await dataSource.destroy();
  await release();
  throw new Error(refusal);
}
