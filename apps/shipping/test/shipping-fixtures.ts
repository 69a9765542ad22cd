import { randomUUID } from 'node:crypto';
import type { OrderCancelledV1, OrderConfirmedV1 } from '@platform/events';

/** Event payloads as the orders context would publish them. */
export function orderConfirmed(orderId: string = randomUUID()): OrderConfirmedV1 {
  return {
    orderId,
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
    confirmedAt: new Date().toISOString(),
  };
}

export function orderCancelled(orderId: string, reason = 'CUSTOMER_REQUEST'): OrderCancelledV1 {
  return {
    orderId,
    customerId: 'customer-1',
    customerEmail: 'ada@example.com',
    currency: 'EUR',
    totalMinor: 2500,
    reason,
    detail: 'changed my mind',
    wasConfirmed: true,
    cancelledAt: new Date().toISOString(),
  };
}
