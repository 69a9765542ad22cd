import { pointsForOrder } from './points';

/**
 * What loyalty knows about one order: the credit booked for it (if any), whether that credit was
 * reversed, and whether the order is closed (cancelled or refunded). Loaded under the order's lock.
 */
export interface OrderPointsState {
  readonly credit?: { readonly customerId: string; readonly points: number };
  readonly reversed: boolean;
  readonly closed: boolean;
}

export const NO_HISTORY: OrderPointsState = { reversed: false, closed: false };

export type CreditDecision =
  | { readonly kind: 'credit'; readonly points: number }
  | { readonly kind: 'skip'; readonly reason: 'ALREADY_CREDITED' | 'ORDER_CLOSED' | 'NO_POINTS' }
  | { readonly kind: 'refuse'; readonly code: 'LOYALTY.INVALID_TOTAL'; readonly detail: string };

/**
 * An order earns points once. A confirmation arriving after the order was closed (its
 * cancellation or refund overtook it) earns nothing, so there is never a credit left unreversed.
 */
export function decideCredit(state: OrderPointsState, totalMinor: number, pointsPerUnit: number): CreditDecision {
  if (!Number.isSafeInteger(totalMinor) || totalMinor < 0) {
    return { kind: 'refuse', code: 'LOYALTY.INVALID_TOTAL', detail: `totalMinor must be a non-negative integer` };
  }
  if (state.credit) return { kind: 'skip', reason: 'ALREADY_CREDITED' };
  if (state.closed) return { kind: 'skip', reason: 'ORDER_CLOSED' };
  const points = pointsForOrder(totalMinor, pointsPerUnit);
  if (points === 0) return { kind: 'skip', reason: 'NO_POINTS' };
  return { kind: 'credit', points };
}

export type ReversalDecision =
  | { readonly kind: 'reverse'; readonly customerId: string; readonly points: number }
  | { readonly kind: 'skip'; readonly reason: 'NOTHING_CREDITED' | 'ALREADY_REVERSED' };

/**
 * A cancellation or refund takes back exactly what the order earned, once. Either way the order
 * is closed afterwards (the caller records the tombstone), so a late confirmation earns nothing.
 * `points` is negative: the balance is the plain sum of the ledger.
 */
export function decideReversal(state: OrderPointsState): ReversalDecision {
  if (!state.credit) return { kind: 'skip', reason: 'NOTHING_CREDITED' };
  if (state.reversed) return { kind: 'skip', reason: 'ALREADY_REVERSED' };
  return { kind: 'reverse', customerId: state.credit.customerId, points: -state.credit.points };
}
