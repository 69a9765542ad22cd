import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The points ledger and the tombstones of closed orders.
 *
 * UNIQUE (order_id, kind) is the last word on "credited at most once, reversed at most once",
 * whatever is redelivered with whatever eventId. closed_orders remembers that an order was
 * cancelled or refunded, so a confirmation that arrives late (reordered) credits nothing.
 * Points are bigint: totals are bigint minor units.
 */
export class LoyaltyLedger1764300000000 implements MigrationInterface {
  name = 'LoyaltyLedger1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.ledger (
        id bigserial PRIMARY KEY,
        customer_id text NOT NULL,
        order_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CREDIT', 'REVERSAL')),
        points bigint NOT NULL,
        source_event_id uuid NOT NULL,
        at timestamptz NOT NULL,
        CONSTRAINT ledger_once_per_order_and_kind UNIQUE (order_id, kind)
      )`);
    await queryRunner.query(`CREATE INDEX ledger_by_customer ON ${s}.ledger (customer_id, id)`);
    await queryRunner.query(`
      CREATE TABLE ${s}.closed_orders (
        order_id text PRIMARY KEY,
        reason text NOT NULL CHECK (reason IN ('CANCELLED', 'REFUNDED')),
        source_event_id uuid NOT NULL,
        closed_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.closed_orders`);
    await queryRunner.query(`DROP TABLE ${s}.ledger`);
  }
}
