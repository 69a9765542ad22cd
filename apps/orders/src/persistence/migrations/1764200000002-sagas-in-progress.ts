import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The unfinished sagas, for the saga-state gauges read at every scrape (SagaStateMetrics):
 * without it each scrape would read every saga ever run, finished ones included.
 */
export class OrdersSagasInProgress1764200000002 implements MigrationInterface {
  name = 'OrdersSagasInProgress1764200000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(
      `CREATE INDEX sagas_in_progress ON ${s}.sagas (status, updated_at)
        WHERE status IN ('PENDING', 'CONFIRMED', 'SHIPPED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ${schemaOf(queryRunner)}.sagas_in_progress`);
  }
}
