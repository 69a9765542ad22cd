import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CarrierSchedule } from '../domain/carrier-schedule';
import { dueCutoffs } from '../domain/carrier-schedule';
import type { Shipment, ShipmentStatus } from '../domain/shipment';
import { SHIPPING } from '../context';

type Queryable = Pick<EntityManager, 'query'>;

interface ShipmentRow {
  order_id: string;
  status: ShipmentStatus;
  shipment_id: string | null;
  carrier: string | null;
  tracking_number: string | null;
  correlation_id: string;
  traceparent: string | null;
  created_at: Date | null;
  dispatched_at: Date | null;
  delivered_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
}

const COLUMNS = `order_id, status, shipment_id, carrier, tracking_number, correlation_id,
  created_at, dispatched_at, delivered_at, cancelled_at, cancel_reason, traceparent`;

/**
 * Shipments in SQL of our own: the statements that make the flow idempotent (insert-if-absent,
 * conditional transitions) are clearer written out than hidden in an ORM. Every method takes
 * the manager to run on: a handler's `ctx.tx.manager`, never a second connection.
 */
@Injectable()
export class ShipmentRepository {
  async find(db: Queryable, orderId: string): Promise<Shipment | undefined> {
    const rows: ShipmentRow[] = await db.query(`SELECT ${COLUMNS} FROM ${SHIPPING}.shipments WHERE order_id = $1`, [
      orderId,
    ]);
    return rows[0] && toShipment(rows[0]);
  }

  /** reads the shipment and holds its row until commit (on PostgreSQL; PGlite runs one transaction at a time) */
  async lock(db: Queryable, orderId: string): Promise<Shipment | undefined> {
    const rows: ShipmentRow[] = await db.query(
      `SELECT ${COLUMNS} FROM ${SHIPPING}.shipments WHERE order_id = $1 FOR UPDATE`,
      [orderId],
    );
    return rows[0] && toShipment(rows[0]);
  }

  /** the shipments of these orders (by lower-case order id), held until commit; in order_id order, so two sets never deadlock */
  async lockAll(db: Queryable, orderIds: readonly string[]): Promise<Map<string, Shipment>> {
    const rows: ShipmentRow[] = await db.query(
      `SELECT ${COLUMNS} FROM ${SHIPPING}.shipments WHERE order_id = ANY($1::uuid[]) ORDER BY order_id FOR UPDATE`,
      [[...new Set(orderIds)]],
    );
    return new Map(rows.map((row) => [row.order_id, toShipment(row)]));
  }

  /** a set's inserts in one statement; answers how many went in (fewer: a row appeared meanwhile) */
  async insertAll(db: Queryable, shipments: readonly Shipment[]): Promise<number> {
    if (shipments.length === 0) return 0;
    const rows: unknown[] = await db.query(
      `INSERT INTO ${SHIPPING}.shipments (${COLUMNS})
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[],
         $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[])
       ON CONFLICT (order_id) DO NOTHING RETURNING 1`,
      [
        shipments.map((s) => s.orderId),
        shipments.map((s) => s.status),
        shipments.map((s) => s.parcel?.shipmentId ?? null),
        shipments.map((s) => s.parcel?.carrier ?? null),
        shipments.map((s) => s.parcel?.trackingNumber ?? null),
        shipments.map((s) => s.correlationId),
        shipments.map((s) => s.createdAt),
        shipments.map((s) => s.dispatchedAt),
        shipments.map((s) => s.deliveredAt),
        shipments.map((s) => s.cancelledAt),
        shipments.map((s) => s.cancelReason),
        shipments.map((s) => s.traceparent ?? null),
      ],
    );
    return rows.length;
  }

  /** false when a row for the order appeared meanwhile (a concurrent cancellation's tombstone) */
  async insert(db: Queryable, shipment: Shipment): Promise<boolean> {
    const p = shipment.parcel;
    const rows: unknown[] = await db.query(
      `INSERT INTO ${SHIPPING}.shipments (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (order_id) DO NOTHING RETURNING 1`,
      [
        shipment.orderId,
        shipment.status,
        p?.shipmentId ?? null,
        p?.carrier ?? null,
        p?.trackingNumber ?? null,
        shipment.correlationId,
        shipment.createdAt,
        shipment.dispatchedAt,
        shipment.deliveredAt,
        shipment.cancelledAt,
        shipment.cancelReason,
        shipment.traceparent ?? null,
      ],
    );
    return rows.length === 1;
  }

  /**
   * Writes the shipment's new state only if it is still in `from`: of two instances (or the
   * clock and an operator) moving the same shipment, exactly one wins and publishes.
   */
  async transition(db: Queryable, from: ShipmentStatus, next: Shipment): Promise<boolean> {
    // wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], a SELECT with rows
    const rows: Array<{ moved: number }> = await db.query(
      `WITH moved AS (
         UPDATE ${SHIPPING}.shipments
         SET status = $3, dispatched_at = $4, delivered_at = $5, cancelled_at = $6, cancel_reason = $7
         WHERE order_id = $1 AND status = $2 RETURNING 1
       ) SELECT count(*)::int AS moved FROM moved`,
      [next.orderId, from, next.status, next.dispatchedAt, next.deliveredAt, next.cancelledAt, next.cancelReason],
    );
    return rows[0].moved === 1;
  }

  /** order ids of shipments the carrier has moved on by `now`, oldest first */
  async findDue(db: Queryable, now: Date, schedule: CarrierSchedule, limit: number): Promise<string[]> {
    const { createdBy, dispatchedBy } = dueCutoffs(now, schedule);
    const rows: Array<{ order_id: string }> = await db.query(
      `(SELECT order_id, created_at AS since FROM ${SHIPPING}.shipments WHERE status = 'CREATED' AND created_at <= $1)
       UNION ALL
       (SELECT order_id, dispatched_at AS since FROM ${SHIPPING}.shipments WHERE status = 'DISPATCHED' AND dispatched_at <= $2)
       ORDER BY since LIMIT $3`,
      [createdBy, dispatchedBy, limit],
    );
    return rows.map((row) => row.order_id);
  }
}

function toShipment(row: ShipmentRow): Shipment {
  return {
    orderId: row.order_id,
    status: row.status,
    parcel:
      row.shipment_id && row.carrier && row.tracking_number
        ? { shipmentId: row.shipment_id, carrier: row.carrier, trackingNumber: row.tracking_number }
        : null,
    correlationId: row.correlation_id,
    traceparent: row.traceparent ?? undefined,
    createdAt: row.created_at,
    dispatchedAt: row.dispatched_at,
    deliveredAt: row.delivered_at,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
  };
}
