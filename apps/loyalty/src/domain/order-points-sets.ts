import {
  decideCredit,
  decideReversal,
  NO_HISTORY,
  type CreditDecision,
  type OrderPointsState,
  type ReversalDecision,
} from './order-points';

/**
 * Decisions for a set of events, in the order they arrived, exactly as one by one would: each
 * decision sees the order's state as the earlier ones of the set left it (a confirmation sent
 * twice credits once; a second cancellation reverses nothing). `states` holds every order's state
 * as loaded under its lock; an order absent from it has no history.
 */
export function decideCredits(
  confirmations: ReadonlyArray<{ readonly orderId: string; readonly customerId: string; readonly totalMinor: number }>,
  states: ReadonlyMap<string, OrderPointsState>,
  pointsPerUnit: number,
): CreditDecision[] {
  const now = new Map(states);
  return confirmations.map(({ orderId, customerId, totalMinor }) => {
    const state = now.get(orderId) ?? NO_HISTORY;
    const decision = decideCredit(state, totalMinor, pointsPerUnit);
    if (decision.kind === 'credit') now.set(orderId, { ...state, credit: { customerId, points: decision.points } });
    return decision;
  });
}

/** the reversals of a set, in arrival order; every one of them closes its order */
export function decideReversals(
  orderIds: readonly string[],
  states: ReadonlyMap<string, OrderPointsState>,
): ReversalDecision[] {
  const now = new Map(states);
  return orderIds.map((orderId) => {
    const state = now.get(orderId) ?? NO_HISTORY;
    const decision = decideReversal(state);
    now.set(orderId, { ...state, closed: true, reversed: state.reversed || decision.kind === 'reverse' });
    return decision;
  });
}
