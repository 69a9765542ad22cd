import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ORDERS } from '../context';
import type {
  CancelReason,
  OrderSagaState,
  OrderStatus,
  PaymentStatus,
  ShipmentStatus,
  StockStatus,
} from '../domain/order-saga.types';

interface SagaRow {
  status: OrderStatus;
  stock: StockStatus;
  payment: PaymentStatus;
  shipment: ShipmentStatus;
  cancel_reason: CancelReason | null;
  deadline_at: Date;
  correlation_id: string;
  traceparent: string | null;
}

/** how many sagas wait at one step, and since when the least recently moved of them waits */
export interface SagasAtStep {
  readonly state: SagaStep;
  readonly count: number;
  readonly oldestStepAgeSeconds: number;
}

/** where an unfinished order saga waits (CANCELLED and DELIVERED are terminal) */
export type SagaStep =
  'awaiting_stock_and_payment' | 'awaiting_stock' | 'awaiting_payment' | 'awaiting_dispatch' | 'awaiting_delivery';

export const SAGA_STEPS: readonly SagaStep[] = [
  'awaiting_stock_and_payment',
  'awaiting_stock',
  'awaiting_payment',
  'awaiting_dispatch',
  'awaiting_delivery',
];

/** the step an unfinished saga row waits at, in SQL (one definition for both reads below) */
const STEP_OF_SAGA = `CASE
                WHEN status = 'CONFIRMED' THEN 'awaiting_dispatch'
                WHEN status = 'SHIPPED' THEN 'awaiting_delivery'
                WHEN stock = 'PENDING' AND payment = 'PENDING' THEN 'awaiting_stock_and_payment'
                WHEN stock = 'PENDING' THEN 'awaiting_stock'
                ELSE 'awaiting_payment'
              END`;

export interface DueSaga {
  readonly state: OrderSagaState;
  /** the placing request's, so the timeout's events carry the order's correlation id */
  readonly correlationId: string;
  /** the placing request's span, so the timeout's events join the order's trace */
  readonly traceparent?: string;
}

/** a saga as its order is placed */
export interface NewSaga {
  readonly orderId: string;
  readonly state: OrderSagaState;
  /** the placing request's, so what the saga publishes on its own still traces back to it */
  readonly correlationId: string;
  /** the placing request's span */
  readonly traceparent?: string;
}

/**
 * The saga's state, one row per order. Every step locks the row first (FOR UPDATE, or the
 * sweeper's conditional UPDATE), so concurrent replies for one order are applied one at a time.
 */
@Injectable()
export class SagaRepository {
  /** new sagas in one statement */
  async insertAll(manager: EntityManager, sagas: readonly NewSaga[], now: Date): Promise<void> {
    if (sagas.length === 0) return;
    await manager.query(
      `INSERT INTO ${ORDERS}.sagas (order_id, status, stock, payment, shipment, cancel_reason, deadline_at,
                                    correlation_id, traceparent, updated_at)
       SELECT u.*, $10::timestamptz
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                     $8::text[], $9::text[]) AS u`,
      [
        sagas.map((s) => s.orderId),
        sagas.map((s) => s.state.status),
        sagas.map((s) => s.state.stock),
        sagas.map((s) => s.state.payment),
        sagas.map((s) => s.state.shipment),
        sagas.map((s) => s.state.cancelReason ?? null),
        sagas.map((s) => s.state.deadlineAt),
        sagas.map((s) => s.correlationId),
        sagas.map((s) => s.traceparent ?? null),
        now,
      ],
    );
  }

  /** the unfinished sagas by step, read through the sagas_in_progress partial index */
  async inProgressBySteps(manager: EntityManager): Promise<SagasAtStep[]> {
    const rows: Array<{ state: SagaStep; count: number; age: number }> = await manager.query(
      `SELECT ${STEP_OF_SAGA} AS state,
              count(*)::int AS count,
              EXTRACT(EPOCH FROM now() - min(updated_at))::float8 AS age
         FROM ${ORDERS}.sagas
        WHERE status IN ('PENDING', 'CONFIRMED', 'SHIPPED')
        GROUP BY 1`,
    );
    return rows.map((row) => ({ state: row.state, count: row.count, oldestStepAgeSeconds: Math.max(0, row.age) }));
  }

  /** per step, the order whose saga has waited there longest (for the operator console, not every scrape) */
  async oldestAtSteps(manager: EntityManager): Promise<Map<SagaStep, string>> {
    const rows: Array<{ state: SagaStep; order_id: string }> = await manager.query(
      `SELECT DISTINCT ON (state) state, order_id
         FROM (SELECT ${STEP_OF_SAGA} AS state, order_id, updated_at
                 FROM ${ORDERS}.sagas
                WHERE status IN ('PENDING', 'CONFIRMED', 'SHIPPED')) AS waiting
        ORDER BY state, updated_at, order_id`,
    );
    return new Map(rows.map((row) => [row.state, row.order_id]));
  }

  /**
   * Locks the sagas of a set of orders (FOR UPDATE), in order_id order so that two sets sharing
   * orders wait for each other instead of deadlocking; an order without a saga is not in the map.
   */
  async lockAll(manager: EntityManager, orderIds: readonly string[]): Promise<Map<string, OrderSagaState>> {
    const rows: Array<SagaRow & { order_id: string }> = await manager.query(
      `SELECT * FROM ${ORDERS}.sagas WHERE order_id = ANY($1::uuid[]) ORDER BY order_id FOR UPDATE`,
      [[...new Set(orderIds)]],
    );
    return new Map(rows.map((row) => [row.order_id, stateOf(row)]));
  }

  /**
   * Locks those of these sagas that are still PENDING past their deadline, in order_id order (as
   * lockAll, so a sweep and a set of replies never deadlock). The condition is re-checked on each
   * row's latest version once any competing lock is released, so of several sweepers (or a sweeper
   * and a reply) only one sees an order still due.
   */
  async lockDue(manager: EntityManager, orderIds: readonly string[], now: Date): Promise<Map<string, DueSaga>> {
    const rows: Array<SagaRow & { order_id: string }> = await manager.query(
      `SELECT * FROM ${ORDERS}.sagas
        WHERE order_id = ANY($1::uuid[]) AND status = 'PENDING' AND deadline_at < $2
        ORDER BY order_id FOR UPDATE`,
      [[...new Set(orderIds)], now],
    );
    return new Map(
      rows.map((row) => [
        row.order_id,
        { state: stateOf(row), correlationId: row.correlation_id, traceparent: row.traceparent ?? undefined },
      ]),
    );
  }

  /** orders past their deadline and still PENDING, oldest deadline first */
  async findDue(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows: Array<{ order_id: string }> = await manager.query(
      `SELECT order_id FROM ${ORDERS}.sagas WHERE status = 'PENDING' AND deadline_at < $1
       ORDER BY deadline_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => row.order_id);
  }

  /**
   * The sagas and their mirror on the orders, in the caller's transaction: one statement for the
   * whole set (both UPDATEs in one, from the same rows).
   */
  async saveAll(
    manager: EntityManager,
    sagas: ReadonlyArray<{ readonly orderId: string; readonly state: OrderSagaState }>,
    now: Date,
  ): Promise<void> {
    if (sagas.length === 0) return;
    await manager.query(
      `WITH saved AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                    AS v (order_id, status, stock, payment, shipment, cancel_reason)
       ), sagas AS (
         UPDATE ${ORDERS}.sagas AS s
            SET status = v.status, stock = v.stock, payment = v.payment, shipment = v.shipment,
                cancel_reason = v.cancel_reason, updated_at = $7
           FROM saved AS v WHERE s.order_id = v.order_id
       )
       UPDATE ${ORDERS}.orders AS o SET status = v.status, cancel_reason = v.cancel_reason, updated_at = $7
         FROM saved AS v WHERE o.id = v.order_id`,
      [
        sagas.map((s) => s.orderId),
        sagas.map((s) => s.state.status),
        sagas.map((s) => s.state.stock),
        sagas.map((s) => s.state.payment),
        sagas.map((s) => s.state.shipment),
        sagas.map((s) => s.state.cancelReason ?? null),
        now,
      ],
    );
  }
}

function stateOf(row: SagaRow): OrderSagaState {
  return {
    status: row.status,
    stock: row.stock,
    payment: row.payment,
    shipment: row.shipment,
    deadlineAt: row.deadline_at,
    ...(row.cancel_reason ? { cancelReason: row.cancel_reason } : {}),
  };
}
