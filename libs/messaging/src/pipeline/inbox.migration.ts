import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The consumer side of one context, in that context's schema: the inbox that makes a redelivered
 * event a no-op (primary key on consumer group + event id, inserted in the handler's transaction),
 * and the dead letters: the original record, why it failed and how often, kept queryable.
 */
export class PlatformInbox1764000000001 implements MigrationInterface {
  name = 'PlatformInbox1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.inbox (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
    await queryRunner.query(`CREATE INDEX inbox_processed_at ON ${s}.inbox (processed_at)`);
    await queryRunner.query(`
      CREATE TABLE ${s}.dead_letters (
        id bigserial PRIMARY KEY,
        consumer_group text NOT NULL,
        topic text NOT NULL,
        partition integer,
        "offset" text,
        msg_key text,
        headers jsonb NOT NULL,
        value bytea NOT NULL,
        event_id text,
        error_code text NOT NULL,
        error_message text NOT NULL,
        error_stack text,
        attempts integer NOT NULL,
        first_failed_at timestamptz NOT NULL,
        last_failed_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        resolved_at timestamptz,
        resolution text
      )`);
    await queryRunner.query(
      `CREATE INDEX dead_letters_pending ON ${s}.dead_letters (consumer_group, topic) WHERE status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.dead_letters`);
    await queryRunner.query(`DROP TABLE ${s}.inbox`);
  }
}
