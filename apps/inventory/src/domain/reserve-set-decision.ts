import type { Reservation } from './reservation';
import {
  decideReservation,
  replayReservation,
  reservationAfter,
  type ReservationOutcome,
  type StockLevel,
} from './reserve-decision';
import { normaliseLines, type StockLine } from './stock-line';

/** One reserve command of a set, as the saga sent it (lines not yet checked). */
export interface ReserveRequest {
  readonly orderId: string;
  readonly lines: readonly StockLine[];
}

export type ReserveSetDecision =
  | {
      readonly kind: 'decided';
      /** at the same index as its request */
      readonly outcomes: readonly ReservationOutcome[];
      /** the reservations to record, one per order decided for the first time */
      readonly created: readonly Reservation[];
      /** every line reserved by the set (several of one SKU when orders share it) */
      readonly reserved: readonly StockLine[];
    }
  | {
      readonly kind: 'invalid';
      readonly orderId: string;
      readonly code: 'INVENTORY.INVALID_LINES';
      readonly detail: string;
    };

/**
 * Decides a set of reserve commands in the order they arrived, exactly as one by one would: each
 * order sees the stock the earlier ones left, and a command for an order that already has a
 * reservation (recorded before, or decided earlier in this set) replays its outcome. `stock`
 * holds the locked levels of every SKU the first-time orders ask for. One malformed command makes
 * the whole set invalid: the caller throws, and the command is refused alone when it runs apart.
 */
export function decideReservations(
  requests: readonly ReserveRequest[],
  existing: ReadonlyMap<string, Reservation>,
  stock: ReadonlyMap<string, StockLevel>,
): ReserveSetDecision {
  const known = new Map(existing);
  const levels = new Map(stock);
  const outcomes: ReservationOutcome[] = [];
  const created: Reservation[] = [];
  const reserved: StockLine[] = [];
  for (const { orderId, lines } of requests) {
    const prior = known.get(orderId);
    if (prior) {
      outcomes.push(replayReservation(prior));
      continue;
    }
    const checked = normaliseLines(lines);
    if (!checked.ok) return { kind: 'invalid', orderId, code: checked.code, detail: checked.detail };
    const outcome = decideReservation(checked.lines, levels);
    if (outcome.kind === 'reserved') {
      for (const line of outcome.lines) {
        const level = levels.get(line.sku) as StockLevel; // reserved, so known
        levels.set(line.sku, { ...level, available: level.available - line.quantity });
      }
      reserved.push(...outcome.lines);
    }
    const reservation = reservationAfter(orderId, checked.lines, outcome);
    known.set(orderId, reservation);
    created.push(reservation);
    outcomes.push(outcome);
  }
  return { kind: 'decided', outcomes, created, reserved };
}
