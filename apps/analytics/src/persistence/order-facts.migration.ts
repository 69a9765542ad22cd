import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The analytics read model: one fact row per order, filled in by whichever of its events arrives
 * (so every column but the key and status may still be unknown). The aggregates are computed from
 * it at query time, which keeps it the only table a rebuild has to refill.
 */
export class OrderFacts1764300000100 implements MigrationInterface {
  name = 'OrderFacts1764300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.order_facts (
        order_id text PRIMARY KEY,
        customer_id text,
        currency text,
        total_minor bigint,
        placed_at timestamptz,
        status text NOT NULL CHECK (status IN ('PLACED', 'CONFIRMED', 'CANCELLED', 'DISPATCHED', 'DELIVERED')),
        confirmed_at timestamptz,
        cancelled_at timestamptz,
        dispatched_at timestamptz,
        delivered_at timestamptz,
        lines jsonb
      )`);
    // revenue and top products read confirmed, not cancelled orders only
    await queryRunner.query(
      `CREATE INDEX order_facts_sold ON ${s}.order_facts (confirmed_at) WHERE confirmed_at IS NOT NULL AND cancelled_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.order_facts`);
  }
}
