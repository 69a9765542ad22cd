import request from 'supertest';
import { createOpenApiDocument } from '@platform/http';
import {
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
import { FakeCarrier } from '../src/adapters/fake-carrier';
import { ShippingModule } from '../src/shipping.module';
import {
  FAST_RETRIES,
  carrierCalls,
  eventsFor,
  handled,
  orderConfirmed,
  shipmentRows,
  shipped,
} from './shipping-test-kit';

/** Shipping with the fake carrier's clock running fast: the whole life of a shipment, and the carrier's failures. */
describe.each(databaseBackends())('shipping with the carrier clock running, on %s', (backend: Backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [ShippingModule], {
      ...FAST_RETRIES,
      SHIPPING_DISPATCH_AFTER_MS: '100',
      SHIPPING_DELIVER_AFTER_MS: '200',
      SHIPPING_TICK_MS: '20',
    });
  });
  afterAll(() => t?.close());

  it('creates a shipment for a confirmed order, then dispatches and delivers it on the clock', async () => {
    const confirmed = await publishEvent(t.app, OrderConfirmedV1Contract, orderConfirmed());
    const { orderId } = confirmed.payload;

    const [created] = await shipped(t, orderId);
    expect(created.payload).toMatchObject({ orderId, carrier: 'fake-carrier' });
    expect(created.payload.trackingNumber).toMatch(/^FC\d{12}$/);
    expect(created.key).toBe(orderId);
    expect(created.causationId).toBe(confirmed.eventId);
    expect(created.correlationId).toBe(confirmed.correlationId);

    const [delivered] = await eventually(
      () => eventsFor(t, ShipmentDeliveredV1Contract, orderId),
      (events) => events.length === 1,
      { expected: `a shipment-delivered event for order ${orderId}` },
    );
    const dispatched = await eventsFor(t, ShipmentDispatchedV1Contract, orderId);
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0].payload.shipmentId).toBe(created.payload.shipmentId);
    expect(dispatched[0].key).toBe(orderId);
    expect(dispatched[0].correlationId).toBe(confirmed.correlationId);
    expect(delivered.payload.shipmentId).toBe(created.payload.shipmentId);
    expect(Date.parse(delivered.payload.deliveredAt)).toBeGreaterThanOrEqual(
      Date.parse(dispatched[0].payload.dispatchedAt) + 200,
    );

    const view = await request(t.app.getHttpServer()).get(`/shipments/${orderId}`).expect(200);
    expect(view.body).toMatchObject({
      orderId,
      status: 'DELIVERED',
      shipmentId: created.payload.shipmentId,
      trackingNumber: created.payload.trackingNumber,
    });
  });

  it('creates one shipment and calls the carrier once, however often the confirmation is delivered', async () => {
    const payload = orderConfirmed();
    const first = await publishEvent(t.app, OrderConfirmedV1Contract, payload);
    await publishEvent(t.app, OrderConfirmedV1Contract, payload, { eventId: first.eventId }); // inbox skips it
    await shipped(t, payload.orderId);
    await handled(t, await publishEvent(t.app, OrderConfirmedV1Contract, payload)); // a duplicate, new event id

    expect(await shipmentRows(t, payload.orderId)).toHaveLength(1);
    expect(await carrierCalls(t, payload.orderId)).toHaveLength(1);
    expect(t.app.get(FakeCarrier).calls(payload.orderId)).toHaveLength(1);
    expect(await eventsFor(t, ShipmentCreatedV1Contract, payload.orderId)).toHaveLength(1);
  });

  it("retries through a flaky carrier: each order's first call is refused, the retry gets through", async () => {
    const server = t.app.getHttpServer();
    await request(server).put('/admin/shipping/carrier-mode').set(ADMIN).send({ mode: 'fail-transiently' }).expect(200);
    try {
      const { payload } = await publishEvent(t.app, OrderConfirmedV1Contract, orderConfirmed());
      await shipped(t, payload.orderId);
      expect(
        t.app
          .get(FakeCarrier)
          .calls(payload.orderId)
          .map((c) => c.outcome),
      ).toEqual(['refused', 'accepted']);
      expect(await carrierCalls(t, payload.orderId)).toEqual([{ delivery_attempt: 2 }]);
    } finally {
      await request(server).put('/admin/shipping/carrier-mode').set(ADMIN).send({ mode: 'normal' }).expect(200);
    }
  });

  it('holds shipments while the carrier is down and books them once it is back', async () => {
    const server = t.app.getHttpServer();
    const carrier = t.app.get(FakeCarrier);
    await request(server).put('/admin/shipping/carrier-mode').set(ADMIN).send({ mode: 'down' }).expect(200, {
      mode: 'down',
      failuresLeft: 0,
    });
    const { payload } = await publishEvent(t.app, OrderConfirmedV1Contract, orderConfirmed());
    await eventually(
      () => carrier.calls(payload.orderId).length,
      (n) => n >= 3,
      {
        expected: 'at least three refused carrier calls while down',
      },
    );
    expect(await shipmentRows(t, payload.orderId)).toHaveLength(0);

    await request(server).put('/admin/shipping/carrier-mode').set(ADMIN).send({ mode: 'normal' }).expect(200);
    await shipped(t, payload.orderId);
    expect(await carrierCalls(t, payload.orderId)).toHaveLength(1);
    expect(await t.db.query(`SELECT 1 FROM shipping.dead_letters`)).toHaveLength(0);
  });

  it('documents its endpoints in OpenAPI, admin ones with bearer auth', () => {
    const doc = createOpenApiDocument(t.app, 'shipping');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/shipments/{orderId}',
        '/admin/shipments/{orderId}/advance',
        '/admin/shipping/carrier-mode',
      ]),
    );
    const advance = doc.paths['/admin/shipments/{orderId}/advance'].post;
    expect(Object.keys(advance?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409']));
    expect(advance?.security).toEqual([{ admin: [] }]);
  });

  it('refuses an unknown carrier mode and callers without the admin token', async () => {
    const server = t.app.getHttpServer();
    const bad = await request(server)
      .put('/admin/shipping/carrier-mode')
      .set(ADMIN)
      .send({ mode: 'sideways' })
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'mode' })]);
    const anonymous = await request(server).put('/admin/shipping/carrier-mode').send({ mode: 'down' }).expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect(t.app.get(FakeCarrier).state().mode).toBe('normal');
  });
});
