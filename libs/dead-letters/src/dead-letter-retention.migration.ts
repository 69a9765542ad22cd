import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * Indexes for deleting settled dead letters (docs/adr/0014): settled letters by when they were
 * settled, so a retention batch finds its rows without reading the pending ones; and the letters
 * by `redriven_from`, which the retention asks for every candidate (is a newer letter pointing at
 * it?) and which the foreign key's own check reads on every delete; without it each is a scan.
 */
export class DeadLetterRetention1764000000011 implements MigrationInterface {
  name = 'DeadLetterRetention1764000000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(
      `CREATE INDEX dead_letters_settled ON ${s}.dead_letters (resolved_at)
         WHERE status IN ('resolved', 'redriven', 'discarded')`,
    );
    await queryRunner.query(
      `CREATE INDEX dead_letters_redriven_from ON ${s}.dead_letters (redriven_from) WHERE redriven_from IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX ${s}.dead_letters_redriven_from`);
    await queryRunner.query(`DROP INDEX ${s}.dead_letters_settled`);
  }
}
