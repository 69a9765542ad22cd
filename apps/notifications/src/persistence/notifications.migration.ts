import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * sent_messages: what the (fake) e-mail gateway sent. Unique on the causing event id, so a
 * redelivered event can never mail twice, even past the inbox; and unique per order and kind,
 * so a producer that announces one moment twice (under two event ids) still mails once.
 * order_contacts: where an order's mail goes, for events that do not carry the address.
 */
export class Notifications1764100000000 implements MigrationInterface {
  name = 'Notifications1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.sent_messages (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        kind text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        source_event_id uuid NOT NULL UNIQUE,
        sent_at timestamptz NOT NULL,
        UNIQUE (order_id, kind)
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.order_contacts (
        order_id uuid PRIMARY KEY,
        customer_id text NOT NULL,
        email text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.order_contacts`);
    await queryRunner.query(`DROP TABLE ${s}.sent_messages`);
  }
}
