import { unreachable } from '@platform/domain';
import type { Shipment } from './shipment';

export type AdvanceRefusalCode = 'SHIPPING.ALREADY_DELIVERED' | 'SHIPPING.SHIPMENT_CANCELLED';

export type AdvanceDecision =
  | { readonly kind: 'advance'; readonly from: 'CREATED' | 'DISPATCHED'; readonly shipment: Shipment }
  | { readonly kind: 'refuse'; readonly code: AdvanceRefusalCode; readonly detail: string };

/** One step along CREATED -> DISPATCHED -> DELIVERED, at `now`. Nothing moves a cancelled shipment. */
export function decideAdvance(shipment: Shipment, now: Date): AdvanceDecision {
  switch (shipment.status) {
    case 'CREATED':
      return { kind: 'advance', from: 'CREATED', shipment: { ...shipment, status: 'DISPATCHED', dispatchedAt: now } };
    case 'DISPATCHED':
      return { kind: 'advance', from: 'DISPATCHED', shipment: { ...shipment, status: 'DELIVERED', deliveredAt: now } };
    case 'DELIVERED':
      return { kind: 'refuse', code: 'SHIPPING.ALREADY_DELIVERED', detail: 'The shipment has been delivered already.' };
    case 'CANCELLED':
      return { kind: 'refuse', code: 'SHIPPING.SHIPMENT_CANCELLED', detail: 'The shipment was cancelled.' };
    default:
      return unreachable(shipment.status);
  }
}
