import type { QueryRunner } from 'typeorm';
import { assertSchemaName } from './database-url';

/**
 * The schema a migration runs in, so a library's migration (outbox, inbox) can be shared by
 * every context and still land in that context's own schema.
 */
export function schemaOf(queryRunner: QueryRunner): string {
  const options = queryRunner.connection.options as { schema?: string };
  if (!options.schema) throw new Error('context data sources must set a schema');
  return assertSchemaName(options.schema);
}
