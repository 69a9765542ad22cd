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

export interface CustomerLedger {
  readonly balance: number;
  readonly entries: ReadonlyArray<{ orderId: string; kind: EntryKind; points: number; at: Date }>;
}

/** The ledger and tombstones, always through the caller's manager (a handler's ctx.tx). */
@Injectable()
export class LedgerRepository {
  /**
   * Serialises the handlers of one order for the rest of the transaction. Confirmation,
   * cancellation and refund arrive on different topics, so different workers may handle them at
   * the same moment; without this, a credit and a tombstone could each miss the other.
   */
  async lockOrder(manager: EntityManager, orderId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('${LOYALTY}.order'), hashtext($1))`, [orderId]);
  }

  async orderState(manager: EntityManager, orderId: string): Promise<OrderPointsState> {
    const rows: Array<{ kind: EntryKind | 'CLOSED'; customer_id: string | null; points: string | null }> =
      await manager.query(
        `SELECT kind, customer_id, points FROM ${LOYALTY}.ledger WHERE order_id = $1
         UNION ALL SELECT 'CLOSED', NULL, NULL FROM ${LOYALTY}.closed_orders WHERE order_id = $1`,
        [orderId],
      );
    const credit = rows.find((r) => r.kind === 'CREDIT');
    return {
      credit: credit ? { customerId: credit.customer_id!, points: Number(credit.points) } : undefined,
      reversed: rows.some((r) => r.kind === 'REVERSAL'),
      closed: rows.some((r) => r.kind === 'CLOSED'),
    };
  }

  /** the unique (order_id, kind) makes a second entry of a kind a no-op even past the lock */
  async append(manager: EntityManager, entry: LedgerEntry): Promise<void> {
    await manager.query(
      `INSERT INTO ${LOYALTY}.ledger (customer_id, order_id, kind, points, source_event_id, at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id, kind) DO NOTHING`,
      [entry.customerId, entry.orderId, entry.kind, entry.points, entry.sourceEventId, entry.at],
    );
  }

  async closeOrder(
    manager: EntityManager,
    orderId: string,
    reason: 'CANCELLED' | 'REFUNDED',
    sourceEventId: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${LOYALTY}.closed_orders (order_id, reason, source_event_id, closed_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (order_id) DO NOTHING`,
      [orderId, reason, sourceEventId, at],
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
