/**
 * Where an order stands in the read model. An order's status only moves forward along this
 * precedence, whatever order its events arrive in: a late CONFIRMED never overwrites DELIVERED,
 * and CANCELLED, the end of the line, wins over everything (a confirmed order can be cancelled).
 * Because the merge is "the later of the two", replaying the events in any order, or twice,
 * gives the same status: that is what makes the read model rebuildable.
 */
export const ORDER_STATUSES = ['PLACED', 'CONFIRMED', 'DISPATCHED', 'DELIVERED', 'CANCELLED'] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** the merge rule itself; the projection's SQL applies the same precedence (ORDER_STATUSES) */
export function laterStatus(current: OrderStatus, incoming: OrderStatus): OrderStatus {
  return ORDER_STATUSES.indexOf(incoming) > ORDER_STATUSES.indexOf(current) ? incoming : current;
}
