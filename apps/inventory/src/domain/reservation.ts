import type { ShortLine, StockLine } from './stock-line';

export const RESERVATION_STATUSES = ['RESERVED', 'RELEASED', 'COMMITTED', 'REJECTED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/**
 * Why nothing was reserved. ORDER_RELEASED: the saga released the order before its reserve
 * command arrived (see release-decision.ts), so reserving now would strand stock forever.
 */
export type RefusalReason = 'OUT_OF_STOCK' | 'UNKNOWN_SKU' | 'ORDER_RELEASED';

export interface Refusal {
  readonly reason: RefusalReason;
  readonly shortLines: readonly ShortLine[];
}

/**
 * One order's reservation, keyed by orderId: the state that makes reserve, release and commit
 * idempotent whatever the transport redelivers. `lines` are the merged requested lines (held
 * while RESERVED, consumed when COMMITTED, kept for the record otherwise); a tombstone written
 * by an early release has none.
 */
export interface Reservation {
  readonly orderId: string;
  readonly status: ReservationStatus;
  readonly lines: readonly StockLine[];
  /** set when REJECTED: replayed as the same stock-reservation-failed */
  readonly refusal?: Refusal;
}
