import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The orders context's tables.
 *
 * - price_list: inventory's catalogue as orders last heard it (product-updated); the only source of prices.
 * - orders: the order as placed. created_at is written from the application clock (millisecond
 *   precision), which the keyset cursor of GET /orders relies on. The payment token is never stored.
 * - sagas: the saga's state, one row per order, locked FOR UPDATE by every step; orders.status and
 *   orders.cancel_reason mirror it in the same transaction for the read side. correlation_id is the
 *   placing request's: what the saga publishes on its own (a timeout) still traces back to it.
 * - order_timeline: what happened to an order, in order (id breaks ties between entries of one instant).
 * - idempotency_keys: inserted first in the placing transaction; no foreign key, because the key row
 *   is written before its order, which is how concurrent requests with one key are serialised.
 */
export class OrdersSchema1764200000000 implements MigrationInterface {
  name = 'OrdersSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.price_list (
        sku text PRIMARY KEY,
        name text NOT NULL,
        price_minor bigint NOT NULL CHECK (price_minor >= 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        active boolean NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.orders (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        customer_email text NOT NULL,
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        total_minor bigint NOT NULL CHECK (total_minor >= 0),
        status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED', 'SHIPPED', 'DELIVERED')),
        lines jsonb NOT NULL,
        shipping_address jsonb NOT NULL,
        cancel_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX orders_by_customer ON ${s}.orders (customer_id, created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE ${s}.sagas (
        order_id uuid PRIMARY KEY REFERENCES ${s}.orders (id),
        status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED', 'SHIPPED', 'DELIVERED')),
        stock text NOT NULL CHECK (stock IN ('PENDING', 'RESERVED', 'FAILED', 'RELEASED')),
        payment text NOT NULL
          CHECK (payment IN ('PENDING', 'AUTHORIZED', 'DECLINED', 'VOIDED', 'CAPTURED', 'REFUNDED')),
        shipment text NOT NULL CHECK (shipment IN ('NONE', 'DISPATCHED', 'DELIVERED')),
        cancel_reason text,
        deadline_at timestamptz NOT NULL,
        correlation_id text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX sagas_pending_by_deadline ON ${s}.sagas (deadline_at) WHERE status = 'PENDING'`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.order_timeline (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES ${s}.orders (id),
        at timestamptz NOT NULL,
        kind text NOT NULL,
        detail text NOT NULL DEFAULT ''
      )`);
    await queryRunner.query(`CREATE INDEX order_timeline_by_order ON ${s}.order_timeline (order_id, id)`);
    await queryRunner.query(`
      CREATE TABLE ${s}.idempotency_keys (
        key text PRIMARY KEY,
        request_hash text NOT NULL,
        order_id uuid NOT NULL,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['idempotency_keys', 'order_timeline', 'sagas', 'orders', 'price_list']) {
      await queryRunner.query(`DROP TABLE ${s}.${table}`);
    }
  }
}
