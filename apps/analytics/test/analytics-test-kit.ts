import type {
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderPlacedV1,
  ShipmentDeliveredV1,
  ShipmentDispatchedV1,
} from '@platform/events';

/** Payload builders for the analytics suites: only what the read models look at varies. */
export interface OrderSpec {
  readonly orderId: string;
  readonly currency: string;
  readonly lines: ReadonlyArray<{ sku: string; quantity: number; unitPriceMinor: number }>;
}

const address = { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' };
const totalOf = (o: OrderSpec): number => o.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);

export function placed(o: OrderSpec, placedAt: string, totalMinor = totalOf(o)): OrderPlacedV1 {
  return { ...base(o), lines: o.lines, totalMinor, shippingAddress: address, placedAt };
}

export function confirmed(o: OrderSpec, confirmedAt: string): OrderConfirmedV1 {
  return { ...base(o), lines: o.lines, totalMinor: totalOf(o), shippingAddress: address, confirmedAt };
}

export function cancelled(o: OrderSpec, cancelledAt: string, wasConfirmed: boolean): OrderCancelledV1 {
  return {
    ...base(o),
    totalMinor: totalOf(o),
    reason: 'CUSTOMER_REQUEST',
    detail: '',
    wasConfirmed,
    cancelledAt,
  };
}

export function dispatched(o: OrderSpec, dispatchedAt: string): ShipmentDispatchedV1 {
  return { orderId: o.orderId, shipmentId: `ship-${o.orderId}`, dispatchedAt };
}

export function delivered(o: OrderSpec, deliveredAt: string): ShipmentDeliveredV1 {
  return { orderId: o.orderId, shipmentId: `ship-${o.orderId}`, deliveredAt };
}

function base(o: OrderSpec): { orderId: string; customerId: string; customerEmail: string; currency: string } {
  return {
    orderId: o.orderId,
    customerId: `cust-${o.orderId}`,
    customerEmail: 'ada@example.com',
    currency: o.currency,
  };
}
