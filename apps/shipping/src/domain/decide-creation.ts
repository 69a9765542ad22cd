import type { Shipment } from './shipment';

export type CreationDecision =
  | { readonly kind: 'create' }
  | { readonly kind: 'skip'; readonly reason: 'ALREADY_CREATED' | 'CANCELLED_BEFORE_CONFIRMATION' };

/**
 * An order confirmation asks for a shipment. One order gets at most one: a redelivered
 * confirmation finds the shipment it created, and a confirmation that arrives after the
 * cancellation (reordered across topics) finds the tombstone.
 */
export function decideCreation(existing: Shipment | undefined): CreationDecision {
  if (!existing) return { kind: 'create' };
  if (existing.parcel === null) return { kind: 'skip', reason: 'CANCELLED_BEFORE_CONFIRMATION' };
  return { kind: 'skip', reason: 'ALREADY_CREATED' };
}
