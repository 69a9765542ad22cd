import { CONTEXT_MODULES } from '../../../apps/monolith/src/contexts';
import { contextMigrations } from '../../../libs/messaging/src/nest/context-database';
import { contextModuleOptionsOf } from '../../../libs/messaging/src/nest/context.module';

/** The contexts whose data can move: each one's schema, with the migrations the platform runs for it. */
export const MOVABLE_CONTEXTS = Object.keys(CONTEXT_MODULES);

/**
 * A context's migrations, the very list its process runs at start (platform tables, then the
 * context's own, read from its module's `ContextModule.forContext` options): the target schema
 * is created by them, never by copying DDL.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types migrations as Function
export function migrationsOf(context: string): Function[] {
  const contextModule = CONTEXT_MODULES[context];
  if (!contextModule) throw new Error(`unknown context ${context}`);
  const options = contextModuleOptionsOf(contextModule);
  if (!options) throw new Error(`${context}'s module does not import ContextModule.forContext`);
  return contextMigrations(options);
}

/** the names TypeORM records in `<schema>.migrations` for a list of migration classes */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- as above
export function migrationNames(migrations: readonly Function[]): string[] {
  return migrations.map((migration) => {
    const instance = new (migration as new () => { name?: string })();
    return instance.name ?? migration.name;
  });
}
