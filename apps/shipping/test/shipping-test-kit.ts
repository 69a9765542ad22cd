import { ShipmentCreatedV1Contract, type EventContract, type OrderCancelledV1 } from '@platform/events';
import { eventually, orderCancelledPayload, outboxEvents, type ContextTestApp } from '@platform/testing';
import { SHIPPING } from '../src/context';

/** What the shipping suites share: fast retries, the events they feed in, and probes of the outbox, tables and inbox. */
export { orderConfirmedPayload as orderConfirmed } from '@platform/testing';

export const FAST_RETRIES = { CONSUMER_MAX_ATTEMPTS: '50', CONSUMER_RETRY_BASE_MS: '5', CONSUMER_RETRY_MAX_MS: '40' };

export async function eventsFor<P extends { orderId: string }>(
  t: ContextTestApp,
  contract: EventContract<P>,
  orderId: string,
) {
  return (await outboxEvents(t.app, t.db, SHIPPING, contract)).filter((e) => e.payload.orderId === orderId);
}

export async function shipmentRows(t: ContextTestApp, orderId: string): Promise<Array<{ status: string }>> {
  return t.db.query(`SELECT status FROM shipping.shipments WHERE order_id = $1`, [orderId]);
}

export async function carrierCalls(t: ContextTestApp, orderId: string): Promise<Array<{ delivery_attempt: number }>> {
  return t.db.query(`SELECT delivery_attempt FROM shipping.carrier_calls WHERE order_id = $1`, [orderId]);
}

/** waits until the shipping consumer has handled (and committed) this very event */
export async function handled(t: ContextTestApp, envelope: { eventId: string }): Promise<void> {
  await eventually(
    () => t.db.query(`SELECT 1 FROM shipping.inbox WHERE event_id = $1`, [envelope.eventId]),
    (rows: unknown[]) => rows.length === 1,
    { expected: `event ${envelope.eventId} handled by shipping` },
  );
}

export async function shipped(t: ContextTestApp, orderId: string) {
  return eventually(
    () => eventsFor(t, ShipmentCreatedV1Contract, orderId),
    (events) => events.length === 1,
    {
      expected: `one shipment-created event for order ${orderId}`,
    },
  );
}

/** a customer's own cancellation of a confirmed order, unless a test names another reason */
export function orderCancelled(orderId: string, reason = 'CUSTOMER_REQUEST'): OrderCancelledV1 {
  return orderCancelledPayload(orderId, { reason, detail: 'changed my mind', wasConfirmed: true });
}
