import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * shipments: one row per order (the primary key is what makes "one shipment per order" hold
 * under redelivery and concurrency). A CANCELLED row without a shipment id is a tombstone.
 * The partial indexes serve the carrier's clock, which looks for due CREATED and DISPATCHED rows.
 * carrier_calls: every accepted call to the carrier, one per idempotency key (the order id).
 */
export class Shipping1764100000000 implements MigrationInterface {
  name = 'Shipping1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.shipments (
        order_id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('CREATED', 'DISPATCHED', 'DELIVERED', 'CANCELLED')),
        shipment_id uuid UNIQUE,
        carrier text,
        tracking_number text,
        correlation_id text NOT NULL,
        created_at timestamptz,
        dispatched_at timestamptz,
        delivered_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        CHECK (status = 'CANCELLED' OR (shipment_id IS NOT NULL AND created_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX shipments_due_dispatch ON ${s}.shipments (created_at) WHERE status = 'CREATED'`,
    );
    await queryRunner.query(
      `CREATE INDEX shipments_due_delivery ON ${s}.shipments (dispatched_at) WHERE status = 'DISPATCHED'`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.carrier_calls (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        order_id uuid NOT NULL,
        shipment_id uuid NOT NULL,
        tracking_number text NOT NULL,
        delivery_attempt integer NOT NULL,
        called_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.carrier_calls`);
    await queryRunner.query(`DROP TABLE ${s}.shipments`);
  }
}
