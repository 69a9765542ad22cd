import type { OrderCancelledV1, OrderConfirmedV1 } from '@platform/events';

/** What the loyalty suites share: the payloads of the events loyalty reacts to. */
export function confirmed(orderId: string, customerId: string, totalMinor: number): OrderConfirmedV1 {
  return {
    orderId,
    customerId,
    customerEmail: 'ada@example.com',
    currency: 'EUR',
    lines: [{ sku: 'SKU-1', quantity: 1, unitPriceMinor: totalMinor }],
    totalMinor,
    shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' },
    confirmedAt: new Date().toISOString(),
  };
}

export function cancelled(orderId: string, customerId: string, wasConfirmed: boolean): OrderCancelledV1 {
  return {
    orderId,
    customerId,
    customerEmail: 'ada@example.com',
    currency: 'EUR',
    totalMinor: 12_345,
    reason: 'CUSTOMER_REQUEST',
    detail: '',
    wasConfirmed,
    cancelledAt: new Date().toISOString(),
  };
}
