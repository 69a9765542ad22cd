import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  ShipmentCreatedV1Contract,
  ShipmentDeliveredV1Contract,
  ShipmentDispatchedV1Contract,
} from '@platform/events';
import {
  ADMIN,
  databaseBackends,
  eventually,
  publishEvent,
  startContextTestApp,
  type Backend,
  type ContextTestApp,
} from '@platform/testing';
import { CarrierClock } from '../src/adapters/carrier-clock';
import { FakeCarrier } from '../src/adapters/fake-carrier';
import { ShippingModule } from '../src/shipping.module';
import {
  FAST_RETRIES,
  carrierCalls,
  eventsFor,
  handled,
  orderCancelled,
  orderConfirmed,
  shipmentRows,
  shipped,
} from './shipping-test-kit';

/**
 * Shipping with the carrier clock stopped (steps only when the test or an operator says):
 * cancellations, the admin endpoint, bad input, and transient carrier failures from start.
 */
describe.each(databaseBackends())('shipping with the carrier clock stopped, on %s', (backend: Backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [ShippingModule], {
      ...FAST_RETRIES,
      SHIPPING_AUTO_ADVANCE: 'false',
      SHIPPING_CARRIER_FAILURES_BEFORE_SUCCESS: '2',
      SHIPPING_DISPATCH_AFTER_MS: '0',
      SHIPPING_DELIVER_AFTER_MS: '0',
    });
  });
  afterAll(() => t?.close());

  // first in this block: SHIPPING_CARRIER_FAILURES_BEFORE_SUCCESS counts from start
  it('retries transient carrier failures to success: three calls, one shipment', async () => {
    const { payload } = await publishEvent(t.app, OrderConfirmedV1Contract, orderConfirmed());
    await shipped(t, payload.orderId);
    expect(
      t.app
        .get(FakeCarrier)
        .calls(payload.orderId)
        .map((c) => c.outcome),
    ).toEqual(['refused', 'refused', 'accepted']);
    expect(await carrierCalls(t, payload.orderId)).toEqual([{ delivery_attempt: 3 }]);
    expect(await shipmentRows(t, payload.orderId)).toEqual([{ status: 'CREATED' }]);
  });

  it('never dispatches a shipment cancelled before dispatch', async () => {
    const cancelled = orderConfirmed();
    const kept = orderConfirmed();
    await publishEvent(t.app, OrderConfirmedV1Contract, cancelled);
    await publishEvent(t.app, OrderConfirmedV1Contract, kept);
    await shipped(t, cancelled.orderId);
    await shipped(t, kept.orderId);
    await publishEvent(t.app, OrderCancelledV1Contract, orderCancelled(cancelled.orderId));
    await eventually(
      () => shipmentRows(t, cancelled.orderId),
      (rows) => rows[0]?.status === 'CANCELLED',
      {
        expected: 'the shipment cancelled',
      },
    );

    await t.app.get(CarrierClock).tick(); // everything is due at once (0 ms settings)
    await t.app.get(CarrierClock).tick();

    expect(await shipmentRows(t, kept.orderId)).toEqual([{ status: 'DELIVERED' }]);
    expect(await shipmentRows(t, cancelled.orderId)).toEqual([{ status: 'CANCELLED' }]);
    expect(await eventsFor(t, ShipmentDispatchedV1Contract, cancelled.orderId)).toHaveLength(0);
    expect(await eventsFor(t, ShipmentDispatchedV1Contract, kept.orderId)).toHaveLength(1);
  });

  it('creates nothing for a confirmation that arrives after the cancellation', async () => {
    const payload = orderConfirmed();
    await publishEvent(t.app, OrderCancelledV1Contract, orderCancelled(payload.orderId, 'PAYMENT_DECLINED'));
    await eventually(
      () => shipmentRows(t, payload.orderId),
      (rows) => rows[0]?.status === 'CANCELLED',
      {
        expected: 'a tombstone for the cancelled order',
      },
    );
    await handled(t, await publishEvent(t.app, OrderConfirmedV1Contract, payload));

    expect(await shipmentRows(t, payload.orderId)).toEqual([{ status: 'CANCELLED' }]);
    expect(t.app.get(FakeCarrier).calls(payload.orderId)).toHaveLength(0);
    expect(await eventsFor(t, ShipmentCreatedV1Contract, payload.orderId)).toHaveLength(0);
    const view = await request(t.app.getHttpServer()).get(`/shipments/${payload.orderId}`).expect(200);
    expect(view.body).toMatchObject({ status: 'CANCELLED', shipmentId: null, cancelReason: 'PAYMENT_DECLINED' });
  });

  it('lets an operator advance a shipment one step at a time: 401, 404, 200, 200, 409', async () => {
    const server = t.app.getHttpServer();
    const { payload } = await publishEvent(t.app, OrderConfirmedV1Contract, orderConfirmed());
    await shipped(t, payload.orderId);
    const path = `/admin/shipments/${payload.orderId}/advance`;

    const anonymous = await request(server).post(path).expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    await request(server).post(path).set('Authorization', 'Bearer wrong').expect(401);

    const unknown = await request(server).post(`/admin/shipments/${randomUUID()}/advance`).set(ADMIN).expect(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'SHIPPING.SHIPMENT_NOT_FOUND' });

    const dispatched = await request(server).post(path).set(ADMIN).set('X-Correlation-Id', 'op-42').expect(200);
    expect(dispatched.body).toMatchObject({ orderId: payload.orderId, status: 'DISPATCHED' });
    const delivered = await request(server).post(path).set(ADMIN).expect(200);
    expect(delivered.body.status).toBe('DELIVERED');

    const again = await request(server).post(path).set(ADMIN).expect(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toMatchObject({ status: 409, code: 'SHIPPING.ALREADY_DELIVERED' });

    const [dispatchedEvent] = await eventsFor(t, ShipmentDispatchedV1Contract, payload.orderId);
    expect(dispatchedEvent.correlationId).toBe('op-42');
    expect(await eventsFor(t, ShipmentDeliveredV1Contract, payload.orderId)).toHaveLength(1);
  });

  it('refuses to advance a cancelled shipment with 409', async () => {
    const { payload } = await publishEvent(t.app, OrderConfirmedV1Contract, orderConfirmed());
    await shipped(t, payload.orderId);
    await publishEvent(t.app, OrderCancelledV1Contract, orderCancelled(payload.orderId));
    await eventually(
      () => shipmentRows(t, payload.orderId),
      (rows) => rows[0]?.status === 'CANCELLED',
      {
        expected: 'the shipment cancelled',
      },
    );
    const res = await request(t.app.getHttpServer())
      .post(`/admin/shipments/${payload.orderId}/advance`)
      .set(ADMIN)
      .expect(409);
    expect(res.body).toMatchObject({ code: 'SHIPPING.SHIPMENT_CANCELLED' });
  });

  it('answers bad shipment lookups with problem+json: 400 for a malformed id, 404 for an unknown one', async () => {
    const server = t.app.getHttpServer();
    const malformed = await request(server).get('/shipments/not-a-uuid').expect(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.body).toMatchObject({ status: 400, errors: [{ field: 'orderId' }] });
    await request(server).post('/admin/shipments/not-a-uuid/advance').set(ADMIN).expect(400);
    const unknown = await request(server).get(`/shipments/${randomUUID()}`).expect(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'SHIPPING.SHIPMENT_NOT_FOUND' });
  });

  it('dead-letters a confirmation whose order id is not a UUID at once', async () => {
    await publishEvent(t.app, OrderConfirmedV1Contract, orderConfirmed('order-1'));
    const [letter] = await eventually(
      () => t.db.query(`SELECT error_code, attempts FROM shipping.dead_letters`),
      (rows: unknown[]) => rows.length === 1,
      { expected: 'one dead letter' },
    );
    expect(letter).toEqual({ error_code: 'SHIPPING.INVALID_ORDER_ID', attempts: 1 });
  });
});
