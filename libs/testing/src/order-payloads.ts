import { randomUUID } from 'node:crypto';
import type { OrderCancelledV1, OrderConfirmedV1, OrderPlacedV1 } from '@platform/events';

/**
 * One customer's order as the orders context publishes it (two of SKU-1, EUR 25.00, to London),
 * for the suites of the contexts that react to it.
 */
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

export function orderPlacedPayload(orderId: string = randomUUID()): OrderPlacedV1 {
  return { ...ORDER, orderId, placedAt: new Date().toISOString() };
}

export function orderConfirmedPayload(orderId: string = randomUUID()): OrderConfirmedV1 {
  return { ...ORDER, orderId, confirmedAt: new Date().toISOString() };
}

/** its cancellation: why (reason code and detail) and whether it had been confirmed vary per suite */
export function orderCancelledPayload(
  orderId: string,
  why: Pick<OrderCancelledV1, 'reason' | 'detail' | 'wasConfirmed'>,
): OrderCancelledV1 {
  const { customerId, customerEmail, currency, totalMinor } = ORDER;
  return { orderId, customerId, customerEmail, currency, totalMinor, ...why, cancelledAt: new Date().toISOString() };
}
