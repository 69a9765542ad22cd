import { unreachable } from '@platform/domain';
import type { Shipment } from './shipment';

export type CancellationDecision =
  /** no shipment yet: remember the cancellation so a late confirmation creates nothing */
  | { readonly kind: 'record-tombstone' }
  /** not yet handed over: it never leaves the warehouse */
  | { readonly kind: 'cancel'; readonly shipment: Shipment }
  /** already on its way or delivered: a return is another process */
  | { readonly kind: 'too-late'; readonly status: 'DISPATCHED' | 'DELIVERED' }
  | { readonly kind: 'already-cancelled' };

export function decideCancellation(existing: Shipment | undefined, reason: string, now: Date): CancellationDecision {
  if (!existing) return { kind: 'record-tombstone' };
  switch (existing.status) {
    case 'CREATED':
      return { kind: 'cancel', shipment: { ...existing, status: 'CANCELLED', cancelledAt: now, cancelReason: reason } };
    case 'DISPATCHED':
    case 'DELIVERED':
      return { kind: 'too-late', status: existing.status };
    case 'CANCELLED':
      return { kind: 'already-cancelled' };
    default:
      return unreachable(existing.status);
  }
}
