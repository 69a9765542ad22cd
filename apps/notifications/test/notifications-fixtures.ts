import { randomUUID } from 'node:crypto';
import type {
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderPlacedV1,
  ShipmentDeliveredV1,
  ShipmentDispatchedV1,
} from '@platform/events';

/** Event payloads as the orders and shipping contexts would publish them. */
const ORDER = {
  customerId: 'customer-1',
  customerEmail: 'ada@example.com',
  currency: 'EUR',
  lines: [{ sku: 'SKU-1', quantity: 2, unitPriceMinor: 1250 }],
  totalMinor: 2500,
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '1 Analytical St',
    city: 'London',
    postalCode: 'N1 9GU',
    country: 'GB',
  },
};

export function orderPlaced(orderId: string = randomUUID()): OrderPlacedV1 {
  return { ...ORDER, orderId, placedAt: new Date().toISOString() };
}

export function orderConfirmed(orderId: string): OrderConfirmedV1 {
  return { ...ORDER, orderId, confirmedAt: new Date().toISOString() };
}

export function orderCancelled(orderId: string, reason = 'PAYMENT_DECLINED'): OrderCancelledV1 {
  const { customerId, customerEmail, currency, totalMinor } = ORDER;
  return {
    orderId,
    customerId,
    customerEmail,
    currency,
    totalMinor,
    reason,
    detail: 'card declined by issuer',
    wasConfirmed: false,
    cancelledAt: new Date().toISOString(),
  };
}

export function shipmentDispatched(orderId: string): ShipmentDispatchedV1 {
  return { orderId, shipmentId: randomUUID(), dispatchedAt: new Date().toISOString() };
}

export function shipmentDelivered(orderId: string): ShipmentDeliveredV1 {
  return { orderId, shipmentId: randomUUID(), deliveredAt: new Date().toISOString() };
}
