import { unreachable } from '@platform/domain';
import type { Refusal, Reservation } from './reservation';
import type { ShortLine, StockLine } from './stock-line';

/** What inventory knows about one SKU while deciding, read under the row's lock. */
export interface StockLevel {
  readonly available: number;
  readonly active: boolean;
}

export type ReservationOutcome =
  { readonly kind: 'reserved'; readonly lines: readonly StockLine[] } | ({ readonly kind: 'refused' } & Refusal);

/**
 * All or nothing: every line must be known, active and covered by what is available, or
 * nothing is reserved and every short line is reported. An unknown SKU outranks a shortage as
 * the reason, because no restock will ever serve it. An inactive product is not for sale: it
 * counts as out of stock with nothing available.
 */
export function decideReservation(
  lines: readonly StockLine[],
  stock: ReadonlyMap<string, StockLevel>,
): ReservationOutcome {
  const shortLines: ShortLine[] = [];
  let unknown = false;
  for (const { sku, quantity } of lines) {
    const level = stock.get(sku);
    if (!level) unknown = true;
    const available = level?.active ? level.available : 0;
    if (available < quantity) shortLines.push({ sku, requested: quantity, available });
  }
  if (shortLines.length === 0) return { kind: 'reserved', lines };
  return { kind: 'refused', reason: unknown ? 'UNKNOWN_SKU' : 'OUT_OF_STOCK', shortLines };
}

/**
 * A reserve command for an order that already has a reservation (the saga retried, or the
 * command was sent again with a new eventId): answer with the outcome it already had, and
 * reserve nothing. Reserved or already committed stock answers "reserved"; a rejection answers
 * with the same refusal; a released order (or a tombstone left by an early release) is refused.
 */
export function replayReservation(existing: Reservation): ReservationOutcome {
  switch (existing.status) {
    case 'RESERVED':
    case 'COMMITTED':
      return { kind: 'reserved', lines: existing.lines };
    case 'REJECTED':
      return {
        kind: 'refused',
        reason: existing.refusal?.reason ?? 'OUT_OF_STOCK',
        shortLines: existing.refusal?.shortLines ?? [],
      };
    case 'RELEASED':
      return { kind: 'refused', reason: 'ORDER_RELEASED', shortLines: [] };
    default:
      return unreachable(existing.status);
  }
}

/** The reservation a first decision leaves behind. */
export function reservationAfter(
  orderId: string,
  lines: readonly StockLine[],
  outcome: ReservationOutcome,
): Reservation {
  return outcome.kind === 'reserved'
    ? { orderId, status: 'RESERVED', lines }
    : { orderId, status: 'REJECTED', lines, refusal: { reason: outcome.reason, shortLines: outcome.shortLines } };
}
