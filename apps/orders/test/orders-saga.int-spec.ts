import request from 'supertest';
import {
  AuthorizePaymentV1Contract,
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  OrderPlacedV1Contract,
  PaymentAuthorizedV1Contract,
  PaymentCapturedV1Contract,
  PaymentDeclinedV1Contract,
  RefundPaymentV1Contract,
  ReleaseStockV1Contract,
  ReserveStockV1Contract,
  ShipmentDeliveredV1Contract,
  ShipmentDispatchedV1Contract,
  StockReservationFailedV1Contract,
  StockReservedV1Contract,
  VoidPaymentV1Contract,
} from '@platform/events';
import { databaseBackends, eventually, publishEvent, type ContextTestApp } from '@platform/testing';
import {
  DEFAULT_TOTAL,
  MUG,
  TEE,
  orderBody,
  outboxOf,
  placeOrder,
  post,
  untilHandled,
  untilOutbox,
  untilStatus,
  startOrdersTestApp,
} from './orders-test-kit';

// The order saga end to end inside the orders context; inventory, payments and shipping are
// simulated by publishing their replies, and what orders asks of them is read from its outbox.

describe.each(databaseBackends())('the order saga on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startOrdersTestApp(backend);
  });

  afterAll(() => t?.close());

  const reserved = (orderId: string, eventId?: string) =>
    publishEvent(t.app, StockReservedV1Contract, { orderId, lines: [{ sku: MUG.sku, quantity: 2 }] }, { eventId });
  const authorized = (orderId: string, eventId?: string) =>
    publishEvent(
      t.app,
      PaymentAuthorizedV1Contract,
      { orderId, authorizationId: `auth-${orderId}`, amountMinor: DEFAULT_TOTAL, currency: 'EUR' },
      { eventId },
    );

  async function confirmedOrder(): Promise<string> {
    const orderId = await placeOrder(t);
    await reserved(orderId);
    await authorized(orderId);
    await untilStatus(t, orderId, 'CONFIRMED');
    return orderId;
  }

  it('places an order: 202, Location, prices from the price list, and the saga asks inventory and payments', async () => {
    const body = orderBody();
    const res = await post(t, body, { 'X-Correlation-Id': 'checkout-42' }).expect(202);
    const { orderId } = res.body;
    expect(res.body).toEqual({ orderId, status: 'PENDING' });
    expect(res.headers.location).toBe(`/orders/${orderId}`);
    expect(orderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/); // UUIDv7

    const [row] = await t.db.query(`SELECT * FROM orders.orders WHERE id = $1`, [orderId]);
    expect(row).toMatchObject({ status: 'PENDING', currency: 'EUR', total_minor: String(DEFAULT_TOTAL) });
    expect(row.lines).toEqual([
      { sku: MUG.sku, quantity: 2, unitPriceMinor: MUG.priceMinor },
      { sku: TEE.sku, quantity: 1, unitPriceMinor: TEE.priceMinor },
    ]);
    expect(JSON.stringify(row)).not.toContain('tok_visa');
    const [saga] = await t.db.query(`SELECT * FROM orders.sagas WHERE order_id = $1`, [orderId]);
    expect(saga).toMatchObject({ status: 'PENDING', stock: 'PENDING', payment: 'PENDING' });

    const events = await outboxOf(t, orderId);
    expect(events.map((e) => e.type)).toEqual([
      'orders.order-placed',
      'inventory.reserve-stock',
      'payments.authorize-payment',
    ]);
    expect(events.every((e) => e.correlationId === 'checkout-42')).toBe(true);
    const [placed] = await outboxOf(t, orderId, OrderPlacedV1Contract);
    expect(placed.payload).toMatchObject({ customerId: body.customerId, totalMinor: DEFAULT_TOTAL, currency: 'EUR' });
    const [reserve] = await outboxOf(t, orderId, ReserveStockV1Contract);
    expect(reserve.payload.lines).toEqual([
      { sku: MUG.sku, quantity: 2 },
      { sku: TEE.sku, quantity: 1 },
    ]);
    const [authorize] = await outboxOf(t, orderId, AuthorizePaymentV1Contract);
    expect(authorize.payload).toMatchObject({ amountMinor: DEFAULT_TOTAL, currency: 'EUR', paymentToken: 'tok_visa' });
  });

  it('confirms once both replies arrive, and once only when they are redelivered or duplicated', async () => {
    const orderId = await placeOrder(t);
    const stock = await reserved(orderId);
    await reserved(orderId, stock.eventId); // the same event redelivered
    const payment = await authorized(orderId);
    await untilStatus(t, orderId, 'CONFIRMED');
    const lateStock = await reserved(orderId); // a duplicate with a new eventId
    const latePayment = await authorized(orderId);
    await authorized(orderId, payment.eventId);
    await untilHandled(t, stock, payment, lateStock, latePayment);

    const confirmed = await outboxOf(t, orderId, OrderConfirmedV1Contract);
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0].payload).toMatchObject({
      customerEmail: 'ada@example.com',
      totalMinor: DEFAULT_TOTAL,
      lines: [
        { sku: MUG.sku, quantity: 2, unitPriceMinor: MUG.priceMinor },
        { sku: TEE.sku, quantity: 1, unitPriceMinor: TEE.priceMinor },
      ],
      shippingAddress: { city: 'London', country: 'GB', line2: null },
    });
    expect(await outboxOf(t, orderId, ReleaseStockV1Contract)).toEqual([]);
    expect(await outboxOf(t, orderId, VoidPaymentV1Contract)).toEqual([]);
  });

  it('cancels on a declined payment and releases the stock; a late reservation is released again', async () => {
    const orderId = await placeOrder(t);
    await publishEvent(t.app, PaymentDeclinedV1Contract, { orderId, reason: 'DECLINED', detail: 'card declined' });
    await untilStatus(t, orderId, 'CANCELLED');
    const [cancelled] = await untilOutbox(t, orderId, OrderCancelledV1Contract);
    expect(cancelled.payload).toMatchObject({
      reason: 'PAYMENT_DECLINED',
      detail: 'DECLINED: card declined',
      wasConfirmed: false,
      totalMinor: DEFAULT_TOTAL,
      customerEmail: 'ada@example.com',
    });
    expect((await outboxOf(t, orderId, ReleaseStockV1Contract)).map((e) => e.payload.reason)).toEqual([
      'PAYMENT_DECLINED',
    ]);
    expect(await outboxOf(t, orderId, VoidPaymentV1Contract)).toEqual([]);

    await reserved(orderId);
    await untilOutbox(t, orderId, ReleaseStockV1Contract, 2);
    expect(await outboxOf(t, orderId, OrderConfirmedV1Contract)).toEqual([]);
  });

  it('cancels when stock runs out and voids the payment; a late authorisation is voided again', async () => {
    const orderId = await placeOrder(t);
    await publishEvent(t.app, StockReservationFailedV1Contract, {
      orderId,
      reason: 'OUT_OF_STOCK',
      shortLines: [{ sku: MUG.sku, requested: 2, available: 1 }],
    });
    await untilStatus(t, orderId, 'CANCELLED');
    const [cancelled] = await untilOutbox(t, orderId, OrderCancelledV1Contract);
    expect(cancelled.payload).toMatchObject({ reason: 'OUT_OF_STOCK', wasConfirmed: false });
    expect(cancelled.payload.detail).toBe('MUG-BLUE requested 2, available 1');
    const order = await request(t.app.getHttpServer()).get(`/orders/${orderId}`).expect(200);
    const details = order.body.timeline.map((e: { kind: string; detail?: string }) => [e.kind, e.detail]);
    expect(details).toEqual(
      expect.arrayContaining([
        ['STOCK_RESERVATION_FAILED', 'OUT_OF_STOCK: MUG-BLUE requested 2, available 1'],
        ['CANCELLED', 'OUT_OF_STOCK: MUG-BLUE requested 2, available 1'],
      ]),
    );
    expect(await outboxOf(t, orderId, VoidPaymentV1Contract)).toHaveLength(1);
    expect(await outboxOf(t, orderId, ReleaseStockV1Contract)).toEqual([]);

    const late = await authorized(orderId);
    await untilHandled(t, late);
    expect(await outboxOf(t, orderId, VoidPaymentV1Contract)).toHaveLength(2);
    expect(await outboxOf(t, orderId, OrderCancelledV1Contract)).toHaveLength(1);
  });

  it('lets the customer cancel a confirmed order: 202 CANCELLED, release and void, and again is idempotent', async () => {
    const orderId = await confirmedOrder();
    const res = await request(t.app.getHttpServer()).post(`/orders/${orderId}/cancel`).expect(202);
    expect(res.body).toEqual({ orderId, status: 'CANCELLED' });
    const [cancelled] = await outboxOf(t, orderId, OrderCancelledV1Contract);
    expect(cancelled.payload).toMatchObject({ reason: 'CUSTOMER_REQUEST', wasConfirmed: true });
    expect(await outboxOf(t, orderId, ReleaseStockV1Contract)).toHaveLength(1);
    expect(await outboxOf(t, orderId, VoidPaymentV1Contract)).toHaveLength(1);

    await request(t.app.getHttpServer())
      .post(`/orders/${orderId}/cancel`)
      .expect(202, { orderId, status: 'CANCELLED' });
    expect(await outboxOf(t, orderId)).toHaveLength(3 + 1 + 3); // placed, confirmed, cancelled once
  });

  it('refunds instead of voiding when the customer cancels after the capture', async () => {
    const orderId = await confirmedOrder();
    const capture = await publishEvent(t.app, PaymentCapturedV1Contract, {
      orderId,
      amountMinor: DEFAULT_TOTAL,
      currency: 'EUR',
    });
    await untilHandled(t, capture);
    await request(t.app.getHttpServer()).post(`/orders/${orderId}/cancel`).expect(202);
    expect(await outboxOf(t, orderId, RefundPaymentV1Contract)).toHaveLength(1);
    expect(await outboxOf(t, orderId, VoidPaymentV1Contract)).toEqual([]);
  });

  it('refuses to cancel a shipped order (409) and tracks it to DELIVERED, with the whole timeline', async () => {
    const orderId = await confirmedOrder();
    await publishEvent(t.app, PaymentCapturedV1Contract, { orderId, amountMinor: DEFAULT_TOTAL, currency: 'EUR' });
    const dispatchedAt = new Date().toISOString();
    await publishEvent(t.app, ShipmentDispatchedV1Contract, { orderId, shipmentId: 'shp-1', dispatchedAt });
    await untilStatus(t, orderId, 'SHIPPED');

    const refused = await request(t.app.getHttpServer()).post(`/orders/${orderId}/cancel`).expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 409, code: 'ORDER.ALREADY_SHIPPED' });

    await publishEvent(t.app, ShipmentDeliveredV1Contract, { orderId, shipmentId: 'shp-1', deliveredAt: dispatchedAt });
    await untilStatus(t, orderId, 'DELIVERED');
    const order = await eventually(
      () => request(t.app.getHttpServer()).get(`/orders/${orderId}`).expect(200),
      (res) => res.body.timeline.some((e: { kind: string }) => e.kind === 'PAYMENT_CAPTURED'),
      { expected: 'the capture in the timeline' },
    );
    expect(order.body).toMatchObject({ orderId, status: 'DELIVERED', totalMinor: DEFAULT_TOTAL });
    expect(order.body.cancelReason).toBeUndefined();
    const kinds = order.body.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(0, 1)).toEqual(['PLACED']);
    expect(kinds).toEqual(
      expect.arrayContaining(['STOCK_RESERVED', 'PAYMENT_AUTHORIZED', 'CONFIRMED', 'SHIPPED', 'DELIVERED']),
    );
    expect(kinds.indexOf('CONFIRMED')).toBeLessThan(kinds.indexOf('SHIPPED'));
  });

  it('asks for a refund, once, when a cancelled order is dispatched anyway', async () => {
    const orderId = await confirmedOrder();
    await request(t.app.getHttpServer()).post(`/orders/${orderId}/cancel`).expect(202);
    const dispatchedAt = new Date().toISOString();
    const first = await publishEvent(t.app, ShipmentDispatchedV1Contract, { orderId, shipmentId: 's', dispatchedAt });
    const again = await publishEvent(t.app, ShipmentDispatchedV1Contract, { orderId, shipmentId: 's', dispatchedAt });
    await untilHandled(t, first, again);
    expect((await outboxOf(t, orderId, RefundPaymentV1Contract)).map((e) => e.payload.reason)).toEqual([
      'CUSTOMER_REQUEST',
    ]);
    expect(await statusOfOrder(orderId)).toBe('CANCELLED');
  });

  it('reports on /metrics how many sagas wait at each step, and how long the least recently moved one has', async () => {
    const scrape = async (metric: string, state: string): Promise<number> => {
      const text = (await request(t.app.getHttpServer()).get('/metrics').expect(200)).text;
      // other labels (the process's default `service`) may follow
      const line = text.split('\n').find((l) => l.startsWith(`${metric}{saga="order",state="${state}"`));
      if (!line) throw new Error(`no ${metric} for ${state} on /metrics`);
      return Number(line.split(' ')[1]);
    };
    const waiting = (state: string): Promise<number> => scrape('sagas_in_progress', state);
    const before = {
      both: await waiting('awaiting_stock_and_payment'),
      payment: await waiting('awaiting_payment'),
      dispatch: await waiting('awaiting_dispatch'),
    };

    const orderId = await placeOrder(t);
    expect(await waiting('awaiting_stock_and_payment')).toBe(before.both + 1);
    await reserved(orderId);
    await eventually(
      () => waiting('awaiting_payment'),
      (n) => n === before.payment + 1,
      { expected: 'the order to wait for its payment only' },
    );
    expect(await waiting('awaiting_stock_and_payment')).toBe(before.both);
    await authorized(orderId);
    await untilStatus(t, orderId, 'CONFIRMED');
    expect(await waiting('awaiting_dispatch')).toBe(before.dispatch + 1);
    expect(await waiting('awaiting_payment')).toBe(before.payment);

    await t.db.query(`UPDATE orders.sagas SET updated_at = now() - interval '2 hours' WHERE order_id = $1`, [orderId]);
    expect(await scrape('saga_oldest_step_age_seconds', 'awaiting_dispatch')).toBeGreaterThanOrEqual(7200);
  });

  it('dead-letters a reply for an order it does not know', async () => {
    const orderId = '0192f5a4-0000-7000-8000-0000000000ff';
    const stray = await reserved(orderId);
    const rows = await eventually(
      () => t.db.query(`SELECT error_code FROM orders.dead_letters WHERE event_id = $1`, [stray.eventId]),
      (found: unknown[]) => found.length === 1,
      { expected: 'the stray reply in orders.dead_letters' },
    );
    expect(rows).toEqual([{ error_code: 'ORDER.UNKNOWN_ORDER' }]);
  });

  async function statusOfOrder(orderId: string): Promise<string> {
    const res = await request(t.app.getHttpServer()).get(`/orders/${orderId}`).expect(200);
    return res.body.status;
  }
});
