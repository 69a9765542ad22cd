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
