import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LOYALTY } from '../context';
import type { OrderPointsState } from '../domain/order-points';

export type EntryKind = 'CREDIT' | 'REVERSAL';

export interface LedgerEntry {
  readonly customerId: string;
  readonly orderId: string;
  readonly kind: EntryKind;
  readonly points: number;
  readonly sourceEventId: string;
  readonly at: Date;
}

export interface ClosedOrder {
  readonly orderId: string;
  readonly reason: 'CANCELLED' | 'REFUNDED';
  readonly sourceEventId: string;
  readonly at: Date;
}

export interface CustomerLedger {
  readonly balance: number;
  readonly entries: ReadonlyArray<{ orderId: string; kind: EntryKind; points: number; at: Date }>;
}

/** The ledger and tombstones, always through the caller's manager (a handler's ctx.tx). */
@Injectable()
export class LedgerRepository {
  /**
   * Serialises the handlers of each order for the rest of the transaction, a whole set's orders in
   * one statement, in sorted order so two sets sharing orders never deadlock. Confirmation,
   * cancellation and refund arrive on different topics, so different workers may handle them at
   * the same moment; without this, a credit and a tombstone could each miss the other.
   */
  async lockOrders(manager: EntityManager, orderIds: readonly string[]): Promise<void> {
    // the subquery sorts before the outer query takes the locks, one row at a time
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('${LOYALTY}.order'), hashtext(id))
         FROM (SELECT DISTINCT id FROM unnest($1::text[]) AS id ORDER BY id) AS sorted`,
      [[...orderIds]],
    );
  }

  /** what loyalty knows about each of the orders (locked), in one statement; no history: absent */
  async orderStates(manager: EntityManager, orderIds: readonly string[]): Promise<Map<string, OrderPointsState>> {
    const rows: Array<{
      order_id: string;
      kind: EntryKind | 'CLOSED';
      customer_id: string | null;
      points: string | null;
    }> = await manager.query(
      `SELECT order_id, kind, customer_id, points FROM ${LOYALTY}.ledger WHERE order_id = ANY($1)
         UNION ALL SELECT order_id, 'CLOSED', NULL, NULL FROM ${LOYALTY}.closed_orders WHERE order_id = ANY($1)`,
      [[...new Set(orderIds)]],
    );
    const states = new Map<string, OrderPointsState>();
    for (const row of rows) {
      const state = states.get(row.order_id) ?? { reversed: false, closed: false };
      states.set(row.order_id, {
        ...state,
        ...(row.kind === 'CREDIT' && { credit: { customerId: row.customer_id!, points: Number(row.points) } }),
        ...(row.kind === 'REVERSAL' && { reversed: true }),
        ...(row.kind === 'CLOSED' && { closed: true }),
      });
    }
    return states;
  }

  /** the unique (order_id, kind) makes a second entry of a kind a no-op even past the lock */
  async append(manager: EntityManager, entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO ${LOYALTY}.ledger (customer_id, order_id, kind, points, source_event_id, at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::uuid[], $6::timestamptz[])
       ON CONFLICT (order_id, kind) DO NOTHING`,
      [
        entries.map((e) => e.customerId),
        entries.map((e) => e.orderId),
        entries.map((e) => e.kind),
        entries.map((e) => e.points),
        entries.map((e) => e.sourceEventId),
        entries.map((e) => e.at),
      ],
    );
  }

  /** tombstones for the orders; an order closed before keeps its first reason */
  async closeOrders(manager: EntityManager, closes: readonly ClosedOrder[]): Promise<void> {
    if (closes.length === 0) return;
    await manager.query(
      `INSERT INTO ${LOYALTY}.closed_orders (order_id, reason, source_event_id, closed_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[])
       ON CONFLICT (order_id) DO NOTHING`,
      [
        closes.map((c) => c.orderId),
        closes.map((c) => c.reason),
        closes.map((c) => c.sourceEventId),
        closes.map((c) => c.at),
      ],
    );
  }

  async customerLedger(manager: EntityManager, customerId: string): Promise<CustomerLedger> {
    const rows: Array<{ order_id: string; kind: EntryKind; points: string; at: Date }> = await manager.query(
      `SELECT order_id, kind, points, at FROM ${LOYALTY}.ledger WHERE customer_id = $1 ORDER BY id`,
      [customerId],
    );
    const entries = rows.map((r) => ({ orderId: r.order_id, kind: r.kind, points: Number(r.points), at: r.at }));
    return { balance: entries.reduce((sum, e) => sum + e.points, 0), entries };
  }
}
