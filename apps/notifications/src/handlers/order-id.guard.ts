import { PermanentFailure } from '@platform/messaging';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Order ids are UUIDs (our key columns are): anything else can never be stored, so dead-letter it at once. */
export function assertOrderId(orderId: string): void {
  if (!UUID.test(orderId))
    throw new PermanentFailure('NOTIFICATIONS.INVALID_ORDER_ID', `order id "${orderId}" is not a UUID`);
}
