import type { EntityManager } from 'typeorm';
import { INVENTORY } from '../context';
import type { Reservation, ReservationStatus } from '../domain/reservation';

interface ReservationRow {
  order_id: string;
  status: ReservationStatus;
  refusal_reason: NonNullable<Reservation['refusal']>['reason'] | null;
  short_lines: NonNullable<Reservation['refusal']>['shortLines'] | null;
  lines: Reservation['lines'] | null;
}

/**
 * The reservations of a set of orders with their lines, in one statement, their rows locked
 * until the transaction ends, so reserve, release and commit of one order never interleave even
 * if delivered concurrently; locked in order id order, so two sets sharing orders never deadlock.
 * Orders without one are absent.
 */
export async function lockReservations(
  manager: EntityManager,
  orderIds: readonly string[],
): Promise<Map<string, Reservation>> {
  const rows: ReservationRow[] = await manager.query(
    `SELECT r.order_id, r.status, r.refusal_reason, r.short_lines,
            (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity) ORDER BY l.sku)
               FROM ${INVENTORY}.reservation_line AS l WHERE l.order_id = r.order_id) AS lines
       FROM ${INVENTORY}.reservation AS r
      WHERE r.order_id = ANY($1)
      ORDER BY r.order_id
        FOR UPDATE OF r`,
    [[...new Set(orderIds)]],
  );
  return new Map(rows.map((row) => [row.order_id, reservationOf(row)]));
}

function reservationOf(row: ReservationRow): Reservation {
  return {
    orderId: row.order_id,
    status: row.status,
    lines: row.lines ?? [],
    refusal: row.refusal_reason ? { reason: row.refusal_reason, shortLines: row.short_lines ?? [] } : undefined,
  };
}

/**
 * Records new reservations and their lines in one statement. A concurrent first decision for the
 * same order fails here on the primary key; the pipeline retries it, and the retry finds this one
 * and replays its outcome (the lines' insert reads the
 * reservations' from a data-modifying CTE; the foreign key is checked at the end of the statement).
 */
export async function insertReservations(
  manager: EntityManager,
  reservations: readonly Reservation[],
  now: Date,
): Promise<void> {
  if (reservations.length === 0) return;
  const lines = reservations.flatMap(({ orderId, lines }) => lines.map((line) => ({ orderId, ...line })));
  await manager.query(
    `WITH inserted AS (
       INSERT INTO ${INVENTORY}.reservation (order_id, status, refusal_reason, short_lines, created_at, updated_at)
       SELECT order_id, status, refusal_reason, short_lines, $5, $5
         FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS r(order_id, status, refusal_reason, short_lines)
     )
     INSERT INTO ${INVENTORY}.reservation_line (order_id, sku, quantity)
     SELECT * FROM unnest($6::text[], $7::text[], $8::int[])`,
    [
      reservations.map((r) => r.orderId),
      reservations.map((r) => r.status),
      reservations.map((r) => r.refusal?.reason ?? null),
      reservations.map((r) => (r.refusal ? JSON.stringify(r.refusal.shortLines) : null)),
      now,
      lines.map((l) => l.orderId),
      lines.map((l) => l.sku),
      lines.map((l) => l.quantity),
    ],
  );
}

/** One status for the reservations of a set of orders (already locked), in one statement. */
export async function setReservationsStatus(
  manager: EntityManager,
  orderIds: readonly string[],
  status: ReservationStatus,
  now: Date,
): Promise<void> {
  await manager.query(`UPDATE ${INVENTORY}.reservation SET status = $2, updated_at = $3 WHERE order_id = ANY($1)`, [
    [...orderIds],
    status,
    now,
  ]);
}
