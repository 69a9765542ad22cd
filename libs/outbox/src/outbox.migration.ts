import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The outbox of one context, in that context's schema.
 *
 * outbox.tx is the writing transaction's id (xid8, never wraps): the relay publishes only rows
 * whose transaction is older than every transaction still running, so a row that becomes
 * visible late (a sequence gap from a concurrent transaction) is never overtaken by a later one
 * of the same lane. outbox.lane is a stable hash of the key: relays lock lanes, not rows, so
 * two relays never reorder one key.
 */
export class PlatformOutbox1764000000000 implements MigrationInterface {
  name = 'PlatformOutbox1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.outbox (
        id bigserial PRIMARY KEY,
        tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
        lane smallint NOT NULL,
        event_id uuid NOT NULL,
        topic text NOT NULL,
        msg_key text NOT NULL,
        headers jsonb NOT NULL,
        payload bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX outbox_pending ON ${s}.outbox (lane, id) WHERE published_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX outbox_published ON ${s}.outbox (published_at) WHERE published_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.outbox`);
  }
}
