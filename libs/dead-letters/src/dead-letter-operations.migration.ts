import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * What operating dead letters needs beyond PlatformInbox1764000000001 (never edited once landed):
 * the error's class, the letter a re-drive came from (a re-driven record that fails again is a
 * new letter pointing at the old one, so its history is kept), and an index for listing newest first.
 * `status` is pending, resolved (re-driven and handled), redriven (re-driven and failed again) or
 * discarded; `resolved_at` says when, `resolution` how or why.
 */
export class DeadLetterOperations1764000000010 implements MigrationInterface {
  name = 'DeadLetterOperations1764000000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE ${s}.dead_letters ADD COLUMN error_class text`);
    await queryRunner.query(
      `ALTER TABLE ${s}.dead_letters ADD COLUMN redriven_from bigint REFERENCES ${s}.dead_letters (id)`,
    );
    await queryRunner.query(
      `ALTER TABLE ${s}.dead_letters ADD CONSTRAINT dead_letters_status
         CHECK (status IN ('pending', 'resolved', 'redriven', 'discarded'))`,
    );
    await queryRunner.query(`CREATE INDEX dead_letters_newest ON ${s}.dead_letters (last_failed_at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX ${s}.dead_letters_newest`);
    await queryRunner.query(`ALTER TABLE ${s}.dead_letters DROP CONSTRAINT dead_letters_status`);
    await queryRunner.query(`ALTER TABLE ${s}.dead_letters DROP COLUMN redriven_from`);
    await queryRunner.query(`ALTER TABLE ${s}.dead_letters DROP COLUMN error_class`);
  }
}
