import { isUuid, Refusal } from '@platform/domain';

/**
 * Order ids are UUIDs (our key columns are): anything else can never be stored, so an event
 * carrying one is refused at once (dead-lettered) instead of retried.
 */
export function invalidOrderId(orderId: string): Refusal | undefined {
  if (isUuid(orderId)) return undefined;
  return Refusal.invalid('NOTIFICATIONS.INVALID_ORDER_ID', `order id "${orderId}" is not a UUID`);
}
