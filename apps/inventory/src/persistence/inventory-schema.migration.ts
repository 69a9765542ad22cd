import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The catalogue with its stock, and one reservation per order.
 *
 * The CHECKs are the last line against overselling: whatever a handler computes, the database
 * refuses a row whose reserved exceeds on_hand, or a negative count. reservation_line has no
 * foreign key to product on purpose: a REJECTED reservation keeps the lines it was asked for,
 * unknown SKUs included.
 */
export class InventorySchema1765000000000 implements MigrationInterface {
  name = 'InventorySchema1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.product (
        sku text PRIMARY KEY,
        name text NOT NULL,
        price_minor bigint NOT NULL CHECK (price_minor > 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        active boolean NOT NULL DEFAULT true,
        on_hand integer NOT NULL CHECK (on_hand >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT product_reserved_within_on_hand CHECK (reserved <= on_hand)
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.reservation (
        order_id text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('RESERVED', 'RELEASED', 'COMMITTED', 'REJECTED')),
        refusal_reason text,
        short_lines jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reservation_refusal_when_rejected CHECK ((status = 'REJECTED') = (refusal_reason IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.reservation_line (
        order_id text NOT NULL REFERENCES ${s}.reservation (order_id) ON DELETE CASCADE,
        sku text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (order_id, sku)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.reservation_line`);
    await queryRunner.query(`DROP TABLE ${s}.reservation`);
    await queryRunner.query(`DROP TABLE ${s}.product`);
  }
}
