import type { Reservation } from './reservation';
import type { StockLine } from './stock-line';

export type CommitDecision =
  /** the goods left: take the lines off on_hand and off reserved */
  { readonly kind: 'commit'; readonly lines: readonly StockLine[] } | { readonly kind: 'ignore'; readonly why: string };

/**
 * A dispatched shipment consumes the order's reservation, once: only a RESERVED reservation
 * commits, so a redelivered dispatch (or one for an order inventory never reserved) changes
 * nothing.
 */
export function decideCommit(existing: Reservation | undefined): CommitDecision {
  if (!existing) return { kind: 'ignore', why: 'the order has no reservation' };
  if (existing.status === 'RESERVED') return { kind: 'commit', lines: existing.lines };
  return { kind: 'ignore', why: `the reservation is ${existing.status}, not RESERVED` };
}

/**
 * The dispatches of a set, decided in arrival order as one by one would: an order dispatched
 * twice in the set commits once (the second finds it COMMITTED). `existing` holds the locked
 * reservations of the set's orders; the answer is at the same index as its order.
 */
export function decideCommits(
  orderIds: readonly string[],
  existing: ReadonlyMap<string, Reservation>,
): CommitDecision[] {
  const known = new Map(existing);
  return orderIds.map((orderId) => {
    const reservation = known.get(orderId);
    const decision = decideCommit(reservation);
    if (reservation && decision.kind === 'commit') known.set(orderId, { ...reservation, status: 'COMMITTED' });
    return decision;
  });
}
