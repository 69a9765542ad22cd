import { DataSource, type DataSourceOptions, type EntitySchema } from 'typeorm';
import { assertSchemaName } from './database-url';
import type { DatabaseTarget } from './database-target';
import { PreparingClient } from './prepared-statements';

// TypeORM accepts classes (typed as Function there) for entities and migrations
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = ReadonlyArray<Function | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = ReadonlyArray<Function>;

export interface ContextDatabaseOptions {
  /** the bounded context; also its PostgreSQL schema */
  readonly context: string;
  readonly entities?: EntityList;
  readonly migrations?: MigrationList;
  readonly poolSize?: number;
}

/**
 * One TypeORM data source per context, in its own schema, migrated by real migrations
 * (never `synchronize`). The schema is created first because TypeORM keeps the migrations
 * table inside it.
 */
export async function openContextDataSource(
  target: DatabaseTarget,
  options: ContextDatabaseOptions,
): Promise<DataSource> {
  const schema = assertSchemaName(options.context);
  const poolSize = options.poolSize ?? (target.embedded ? 4 : (target.poolSize ?? 5));
  const dataSource = new DataSource(contextDataSourceOptions(target, options, poolSize));
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

export function contextDataSourceOptions(
  target: DatabaseTarget,
  options: ContextDatabaseOptions,
  poolSize: number,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    schema: options.context,
    entities: [...(options.entities ?? [])],
    migrations: [...(options.migrations ?? [])],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    poolSize,
    applicationName: `order-platform:${options.context}`,
    // PGlite's connections all share its one session, where two would prepare the same name
    extra:
      target.preparedStatements !== false && !target.embedded
        ? { max: poolSize, Client: PreparingClient }
        : { max: poolSize },
  };
}
