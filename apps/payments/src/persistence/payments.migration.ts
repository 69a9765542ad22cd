import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * payment: one row per order (the primary key is what makes "charged at most once per order"
 * hold whatever is redelivered). customer, amount and currency are null only on a void
 * tombstone, a void that came before any authorisation.
 *
 * processor_calls: the fake processor's journal of every call, committed with the payment
 * change it belongs to, so tests and invariant checks can count charges.
 */
export class PaymentsTables1764300000000 implements MigrationInterface {
  name = 'PaymentsTables1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.payment (
        order_id uuid PRIMARY KEY,
        customer_id text,
        amount_minor bigint CHECK (amount_minor > 0),
        currency text CHECK (currency ~ '^[A-Z]{3}$'),
        status text NOT NULL
          CHECK (status IN ('AUTHORIZING', 'AUTHORIZED', 'DECLINED', 'VOIDED', 'CAPTURED', 'REFUNDED')),
        authorization_id text,
        reason text,
        reason_detail text,
        void_requested boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT payment_terms_complete
          CHECK ((customer_id IS NULL) = (amount_minor IS NULL) AND (amount_minor IS NULL) = (currency IS NULL)),
        CONSTRAINT payment_held_has_authorization
          CHECK (status NOT IN ('AUTHORIZED', 'CAPTURED', 'REFUNDED') OR authorization_id IS NOT NULL),
        CONSTRAINT payment_only_tombstone_without_terms
          CHECK (amount_minor IS NOT NULL OR status = 'VOIDED')
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.processor_calls (
        id bigserial PRIMARY KEY,
        operation text NOT NULL CHECK (operation IN ('authorize', 'capture', 'void', 'refund')),
        order_id uuid NOT NULL,
        authorization_id text,
        amount_minor bigint,
        outcome text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX processor_calls_order ON ${s}.processor_calls (order_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.processor_calls`);
    await queryRunner.query(`DROP TABLE ${s}.payment`);
  }
}
