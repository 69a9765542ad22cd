import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PAYMENTS } from '../context';
import type { DeclineReason, Payment, PaymentStatus } from '../domain/payment';

interface PaymentRow {
  order_id: string;
  customer_id: string | null;
  amount_minor: string | null; // bigint arrives as text
  currency: string | null;
  status: PaymentStatus;
  authorization_id: string | null;
  reason: string | null;
  reason_detail: string | null;
  void_requested: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `order_id, created_at, customer_id, amount_minor, currency, status, authorization_id, reason,
  reason_detail, void_requested, updated_at`;

/**
 * Payments by orderId. Handlers pass their transaction's manager (never another connection);
 * the HTTP read passes the data source's.
 */
@Injectable()
export class PaymentRepository {
  /** inserts unless the order already has a payment; true when this call inserted it */
  async insertIfAbsent(manager: EntityManager, payment: Payment): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ${PAYMENTS}.payment (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (order_id) DO NOTHING RETURNING 1`,
      [payment.orderId, payment.createdAt, ...valuesOf(payment)],
    );
    return inserted.length === 1;
  }

  /** the order's payment, locked until the transaction ends: one handler at a time per order */
  async lock(manager: EntityManager, orderId: string): Promise<Payment | null> {
    return this.select(manager, orderId, 'FOR UPDATE');
  }

  async find(manager: EntityManager, orderId: string): Promise<Payment | null> {
    return this.select(manager, orderId, '');
  }

  async update(manager: EntityManager, payment: Payment): Promise<void> {
    await manager.query(
      `UPDATE ${PAYMENTS}.payment SET customer_id = $2, amount_minor = $3, currency = $4, status = $5,
         authorization_id = $6, reason = $7, reason_detail = $8, void_requested = $9, updated_at = $10
       WHERE order_id = $1`,
      [payment.orderId, ...valuesOf(payment)],
    );
  }

  /** a set's insertIfAbsent, in one statement: of two payments of one order, the first is kept */
  async insertAllIfAbsent(manager: EntityManager, payments: readonly Payment[]): Promise<void> {
    const values = payments.map((payment) => [payment.orderId, payment.createdAt, ...valuesOf(payment)]);
    await manager.query(
      `INSERT INTO ${PAYMENTS}.payment (${COLUMNS})
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::bigint[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::boolean[], $11::timestamptz[])
       ON CONFLICT (order_id) DO NOTHING`,
      columnsOf(values, 11),
    );
  }

  /** the payments of these orders, locked until the transaction ends; in order_id order, so two sets never deadlock */
  async lockAll(manager: EntityManager, orderIds: readonly string[]): Promise<Map<string, Payment>> {
    const rows: PaymentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${PAYMENTS}.payment WHERE order_id = ANY($1::uuid[]) ORDER BY order_id FOR UPDATE`,
      [[...new Set(orderIds)]],
    );
    return new Map(rows.map((row) => [row.order_id, toPayment(row)]));
  }

  /** a set's updates, in one statement: at most one payment per order */
  async updateAll(manager: EntityManager, payments: readonly Payment[]): Promise<void> {
    if (payments.length === 0) return;
    const values = payments.map((payment) => [payment.orderId, ...valuesOf(payment)]);
    await manager.query(
      `UPDATE ${PAYMENTS}.payment AS p SET customer_id = v.customer_id, amount_minor = v.amount_minor,
         currency = v.currency, status = v.status, authorization_id = v.authorization_id, reason = v.reason,
         reason_detail = v.reason_detail, void_requested = v.void_requested, updated_at = v.updated_at
       FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::boolean[], $10::timestamptz[])
         AS v(order_id, customer_id, amount_minor, currency, status, authorization_id, reason, reason_detail,
           void_requested, updated_at)
       WHERE p.order_id = v.order_id`,
      columnsOf(values, 10),
    );
  }

  private async select(manager: EntityManager, orderId: string, lock: string): Promise<Payment | null> {
    const rows: PaymentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${PAYMENTS}.payment WHERE order_id = $1 ${lock}`,
      [orderId],
    );
    return rows.length === 0 ? null : toPayment(rows[0]);
  }
}

/** every column after order_id and created_at, in COLUMNS order */
function valuesOf(p: Payment): unknown[] {
  return [
    p.terms?.customerId ?? null,
    p.terms?.amountMinor ?? null,
    p.terms?.currency ?? null,
    p.status,
    p.authorizationId,
    p.decline?.reason ?? null,
    p.decline?.detail ?? null,
    p.voidRequested,
    p.updatedAt,
  ];
}

/** rows of values as one array per column, for unnest */
function columnsOf(rows: ReadonlyArray<readonly unknown[]>, columns: number): unknown[][] {
  return Array.from({ length: columns }, (_, column) => rows.map((row) => row[column]));
}

function toPayment(row: PaymentRow): Payment {
  const terms =
    row.customer_id !== null && row.amount_minor !== null && row.currency !== null
      ? {
          orderId: row.order_id,
          customerId: row.customer_id,
          amountMinor: Number(row.amount_minor),
          currency: row.currency,
        }
      : null;
  return {
    orderId: row.order_id,
    terms,
    status: row.status,
    authorizationId: row.authorization_id,
    decline: row.reason ? { reason: row.reason as DeclineReason, detail: row.reason_detail ?? '' } : null,
    voidRequested: row.void_requested,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
