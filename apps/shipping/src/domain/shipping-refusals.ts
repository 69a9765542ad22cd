import { isUuid, Refusal } from '@platform/domain';

/** An order without a shipment (yet): what the operator's step and the shipment query answer. */
export function shipmentNotFound(orderId: string): Refusal {
  return Refusal.notFound('SHIPPING.SHIPMENT_NOT_FOUND', `There is no shipment for order ${orderId}.`);
}

/**
 * Order ids are UUIDs (our key column is one): anything else can never be stored, so an event
 * carrying one is refused at once (dead-lettered) instead of retried.
 */
export function invalidOrderId(orderId: string): Refusal | undefined {
  if (isUuid(orderId)) return undefined;
  return Refusal.invalid('SHIPPING.INVALID_ORDER_ID', `order id "${orderId}" is not a UUID`);
}
