import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The placing request's span context on its saga, so the events of a timeout cancellation, which
 * a timer starts, join the order's trace (W3C `traceparent`; null while tracing is off).
 */
export class OrdersSagaTraceparent1764200000003 implements MigrationInterface {
  name = 'OrdersSagaTraceparent1764200000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${schemaOf(queryRunner)}.sagas ADD COLUMN traceparent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${schemaOf(queryRunner)}.sagas DROP COLUMN traceparent`);
  }
}
