import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ORDERS } from '../context';
import type { Order, OrderSummary, ShippingAddress } from '../domain/order';
import type { CancelReason, OrderStatus } from '../domain/order-saga.types';
import type { PricedLine } from '../domain/price-order';

interface OrderRow {
  id: string;
  customer_id: string;
  customer_email: string;
  currency: string;
  total_minor: string;
  status: OrderStatus;
  lines: PricedLine[];
  shipping_address: ShippingAddress;
  cancel_reason: CancelReason | null;
  created_at: Date;
  updated_at: Date;
}

export type OrderDetails = Order & OrderSummary;

/** A position in a customer's order list, newest first: keyset on (created_at, id). */
export interface OrderListPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/** The orders table. Every method takes the EntityManager of the caller's transaction (or a plain one to read). */
@Injectable()
export class OrderRepository {
  /** new orders, PENDING, in one statement */
  async insertAll(manager: EntityManager, orders: readonly Order[], now: Date): Promise<void> {
    if (orders.length === 0) return;
    await manager.query(
      `INSERT INTO ${ORDERS}.orders (id, customer_id, customer_email, currency, total_minor, status, lines,
                                     shipping_address, created_at, updated_at)
       SELECT u.id, u.customer_id, u.customer_email, u.currency, u.total_minor, 'PENDING', u.lines,
              u.shipping_address, $8, $8
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::jsonb[], $7::jsonb[])
           AS u (id, customer_id, customer_email, currency, total_minor, lines, shipping_address)`,
      [
        orders.map((o) => o.id),
        orders.map((o) => o.customerId),
        orders.map((o) => o.customerEmail),
        orders.map((o) => o.currency),
        orders.map((o) => o.totalMinor),
        orders.map((o) => JSON.stringify(o.lines)),
        orders.map((o) => JSON.stringify(o.shippingAddress)),
        now,
      ],
    );
  }

  async find(manager: EntityManager, id: string): Promise<OrderDetails | null> {
    const rows: OrderRow[] = await manager.query(`SELECT * FROM ${ORDERS}.orders WHERE id = $1`, [id]);
    return rows.length > 0 ? detailsOf(rows[0]) : null;
  }

  /** several orders in one statement, by id; an id without an order is not in the map */
  async findAll(manager: EntityManager, ids: readonly string[]): Promise<Map<string, OrderDetails>> {
    if (ids.length === 0) return new Map();
    const rows: OrderRow[] = await manager.query(`SELECT * FROM ${ORDERS}.orders WHERE id = ANY($1::uuid[])`, [
      [...new Set(ids)],
    ]);
    return new Map(rows.map((row) => [row.id, detailsOf(row)]));
  }

  async listByCustomer(
    manager: EntityManager,
    customerId: string,
    limit: number,
    after?: OrderListPosition,
  ): Promise<OrderSummary[]> {
    const rows: OrderRow[] = await manager.query(
      `SELECT * FROM ${ORDERS}.orders
       WHERE customer_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, id DESC
       LIMIT $4`,
      [customerId, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map(detailsOf);
  }
}

function detailsOf(row: OrderRow): OrderDetails {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerEmail: row.customer_email,
    status: row.status,
    currency: row.currency,
    totalMinor: Number(row.total_minor),
    lines: row.lines,
    shippingAddress: row.shipping_address,
    cancelReason: row.cancel_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
