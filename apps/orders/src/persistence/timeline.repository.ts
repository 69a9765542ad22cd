import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ORDERS } from '../context';
import type { TimelineEntry, TimelineKind } from '../domain/order-saga.types';

/** What happened to an order, appended by each saga step in its transaction. */
@Injectable()
export class TimelineRepository {
  /** the entries of several orders in one statement, each order's in the order given */
  async appendAll(
    manager: EntityManager,
    perOrder: ReadonlyArray<{ readonly orderId: string; readonly entries: readonly TimelineEntry[] }>,
  ): Promise<void> {
    const rows = perOrder.flatMap(({ orderId, entries }) => entries.map((entry) => ({ orderId, ...entry })));
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO ${ORDERS}.order_timeline (order_id, at, kind, detail)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[])`,
      [rows.map((r) => r.orderId), rows.map((r) => r.at), rows.map((r) => r.kind), rows.map((r) => r.detail)],
    );
  }

  async listFor(manager: EntityManager, orderId: string): Promise<TimelineEntry[]> {
    const rows: Array<{ at: Date; kind: TimelineKind; detail: string }> = await manager.query(
      `SELECT at, kind, detail FROM ${ORDERS}.order_timeline WHERE order_id = $1 ORDER BY at, id`,
      [orderId],
    );
    return rows;
  }
}
