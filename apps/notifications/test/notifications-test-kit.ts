import { randomUUID } from 'node:crypto';
import type { OrderCancelledV1, ShipmentDeliveredV1, ShipmentDispatchedV1 } from '@platform/events';
import { orderCancelledPayload } from '@platform/testing';

/** Event payloads as the orders and shipping contexts would publish them. */
export { orderConfirmedPayload as orderConfirmed, orderPlacedPayload as orderPlaced } from '@platform/testing';

/** a declined payment's cancellation, unless a test names another reason */
export function orderCancelled(orderId: string, reason = 'PAYMENT_DECLINED'): OrderCancelledV1 {
  return orderCancelledPayload(orderId, { reason, detail: 'card declined by issuer', wasConfirmed: false });
}

export function shipmentDispatched(orderId: string): ShipmentDispatchedV1 {
  return { orderId, shipmentId: randomUUID(), dispatchedAt: new Date().toISOString() };
}

export function shipmentDelivered(orderId: string): ShipmentDeliveredV1 {
  return { orderId, shipmentId: randomUUID(), deliveredAt: new Date().toISOString() };
}
