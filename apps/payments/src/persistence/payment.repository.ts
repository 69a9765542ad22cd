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
