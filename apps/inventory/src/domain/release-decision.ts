import { unreachable } from '@platform/domain';
import type { Reservation } from './reservation';
import type { StockLine } from './stock-line';

export type ReleaseDecision =
  /** give the held lines back and answer stock-released */
  | { readonly kind: 'release'; readonly lines: readonly StockLine[] }
  /** no reservation yet: leave a RELEASED tombstone and answer stock-released */
  | { readonly kind: 'tombstone' }
  /** nothing is held (already released, or rejected): change nothing, answer stock-released again */
  | { readonly kind: 'acknowledge' }
  /** the goods have shipped: nothing to give back and nothing to say */
  | { readonly kind: 'ignore'; readonly why: string };

/**
 * Releasing is idempotent and always answered (the saga may be waiting for stock-released),
 * except after a commit, when the stock has left the warehouse.
 *
 * Release before reserve: the saga sends both commands on different topics, so a compensating
 * release (say, the order was cancelled or the payment declined at once) can arrive before the
 * reserve it compensates. With no reservation to release we record a RELEASED tombstone for the
 * order; the reserve that arrives later finds it and is refused with ORDER_RELEASED instead of
 * holding stock for an order nobody will ever release again.
 */
export function decideRelease(existing: Reservation | undefined): ReleaseDecision {
  if (!existing) return { kind: 'tombstone' };
  switch (existing.status) {
    case 'RESERVED':
      return { kind: 'release', lines: existing.lines };
    case 'RELEASED':
    case 'REJECTED':
      return { kind: 'acknowledge' };
    case 'COMMITTED':
      return { kind: 'ignore', why: 'the reservation is already committed (the order shipped)' };
    default:
      return unreachable(existing.status);
  }
}

/**
 * The releases of a set, decided in arrival order as one by one would: an order released twice
 * in the set gives its stock back once (the second finds it RELEASED), and a tombstone left by the
 * first is what the second finds. `existing` holds the locked reservations of the set's orders;
 * the answer is at the same index as its order.
 */
export function decideReleases(
  orderIds: readonly string[],
  existing: ReadonlyMap<string, Reservation>,
): ReleaseDecision[] {
  const known = new Map(existing);
  return orderIds.map((orderId) => {
    const reservation = known.get(orderId);
    const decision = decideRelease(reservation);
    if (decision.kind === 'release' || decision.kind === 'tombstone') {
      known.set(orderId, { orderId, lines: reservation?.lines ?? [], status: 'RELEASED' });
    }
    return decision;
  });
}
