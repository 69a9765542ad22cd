import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * Idempotency keys by age, for the retention job that deletes the expired ones in batches
 * (docs/adr/0014): without it every batch would read the whole table.
 */
export class OrdersIdempotencyKeysByAge1764200000001 implements MigrationInterface {
  name = 'OrdersIdempotencyKeysByAge1764200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE INDEX idempotency_keys_by_age ON ${s}.idempotency_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ${schemaOf(queryRunner)}.idempotency_keys_by_age`);
  }
}
