import type { EntityManager } from 'typeorm';
import type { Reservation, ReservationStatus } from '../domain/reservation';
import { ReservationEntity, ReservationLineEntity } from './reservation.entity';

/**
 * The order's reservation with its lines, its row locked until the transaction ends, so
 * reserve, release and commit of one order never interleave even if delivered concurrently.
 */
export async function lockReservation(manager: EntityManager, orderId: string): Promise<Reservation | undefined> {
  const row = await manager.findOne(ReservationEntity, {
    where: { orderId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!row) return undefined;
  const lines = await manager.find(ReservationLineEntity, { where: { orderId }, order: { sku: 'ASC' } });
  return {
    orderId,
    status: row.status,
    lines: lines.map(({ sku, quantity }) => ({ sku, quantity })),
    refusal: row.refusalReason ? { reason: row.refusalReason, shortLines: row.shortLines ?? [] } : undefined,
  };
}

/**
 * Records a new reservation. A concurrent first decision for the same order fails here on the
 * primary key; the pipeline retries it, and the retry finds this one and replays its outcome.
 */
export async function insertReservation(manager: EntityManager, reservation: Reservation, now: Date): Promise<void> {
  await manager.insert(ReservationEntity, {
    orderId: reservation.orderId,
    status: reservation.status,
    refusalReason: reservation.refusal?.reason ?? null,
    shortLines: reservation.refusal ? [...reservation.refusal.shortLines] : null,
    createdAt: now,
    updatedAt: now,
  });
  if (reservation.lines.length === 0) return;
  await manager.insert(
    ReservationLineEntity,
    reservation.lines.map(({ sku, quantity }) => ({ orderId: reservation.orderId, sku, quantity })),
  );
}

export async function setReservationStatus(
  manager: EntityManager,
  orderId: string,
  status: ReservationStatus,
  now: Date,
): Promise<void> {
  await manager.update(ReservationEntity, { orderId }, { status, updatedAt: now });
}
