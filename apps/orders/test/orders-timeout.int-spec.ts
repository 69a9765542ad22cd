import {
  OrderCancelledV1Contract,
  PaymentAuthorizedV1Contract,
  ReleaseStockV1Contract,
  StockReservedV1Contract,
  VoidPaymentV1Contract,
} from '@platform/events';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { startTracing, type TracingHandle } from '@platform/observability';
import { databaseBackends, eventually, publishEvent, type ContextTestApp } from '@platform/testing';
import { SagaTimeoutSweeper } from '../src/saga/saga-timeout.sweeper';
import {
  DEFAULT_TOTAL,
  MUG,
  outboxOf,
  placeOrder,
  untilHandled,
  untilOutbox,
  untilStatus,
  startOrdersTestApp,
} from './orders-test-kit';

// The saga's deadline with a short clock: a PENDING order that hears nothing is cancelled once,
// with both compensations, and what arrives after that is compensated again.

const TIMEOUT_MS = 300;

describe.each(databaseBackends())('the order saga timeout on %s', (backend) => {
  let t: ContextTestApp;
  let tracing: TracingHandle | undefined;

  beforeAll(async () => {
    // traced, so that a timeout's events can be checked to join the order's trace
    tracing = await startTracing({ service: 'orders', exporter: new InMemorySpanExporter(), env: {} });
    t = await startOrdersTestApp(backend, {
      ORDERS_SAGA_TIMEOUT_MS: String(TIMEOUT_MS),
      ORDERS_SAGA_SWEEP_MS: '50',
    });
  });

  afterAll(async () => {
    await t?.close();
    await tracing?.stop();
  });

  const traceIdOf = (traceparent: string | undefined): string | undefined => traceparent?.split('-')[1];

  it('cancels a PENDING order past its deadline (TIMEOUT) with release-stock and void-payment', async () => {
    const orderId = await placeOrder(t);
    await untilStatus(t, orderId, 'CANCELLED');
    const [cancelled] = await untilOutbox(t, orderId, OrderCancelledV1Contract);
    expect(cancelled.payload).toMatchObject({ reason: 'TIMEOUT', wasConfirmed: false, totalMinor: DEFAULT_TOTAL });
    expect((await outboxOf(t, orderId, ReleaseStockV1Contract)).map((e) => e.payload.reason)).toEqual(['TIMEOUT']);
    expect((await outboxOf(t, orderId, VoidPaymentV1Contract)).map((e) => e.payload.reason)).toEqual(['TIMEOUT']);
    const [placed] = await outboxOf(t, orderId);
    expect(cancelled.correlationId).toBe(placed.correlationId); // the timeout still traces back to the request
    // a timer cancelled it, under the placing request's trace (the traceparent kept on the saga)
    expect(traceIdOf(placed.traceparent)).toMatch(/^[0-9a-f]{32}$/);
    expect(traceIdOf(cancelled.traceparent)).toBe(traceIdOf(placed.traceparent));
  });

  it('compensates replies that arrive after the timeout, once each', async () => {
    const orderId = await placeOrder(t);
    await untilStatus(t, orderId, 'CANCELLED');
    const stock = await publishEvent(t.app, StockReservedV1Contract, {
      orderId,
      lines: [{ sku: MUG.sku, quantity: 2 }],
    });
    const payment = await publishEvent(t.app, PaymentAuthorizedV1Contract, {
      orderId,
      authorizationId: 'auth-late',
      amountMinor: DEFAULT_TOTAL,
      currency: 'EUR',
    });
    await untilHandled(t, stock, payment);
    expect(await outboxOf(t, orderId, ReleaseStockV1Contract)).toHaveLength(2);
    expect(await outboxOf(t, orderId, VoidPaymentV1Contract)).toHaveLength(2);
    expect(await outboxOf(t, orderId, OrderCancelledV1Contract)).toHaveLength(1);
    const [saga] = await t.db.query(
      `SELECT status, stock, payment, cancel_reason FROM orders.sagas WHERE order_id = $1`,
      [orderId],
    );
    expect(saga).toEqual({ status: 'CANCELLED', stock: 'RESERVED', payment: 'AUTHORIZED', cancel_reason: 'TIMEOUT' });
  });

  it('never cancels twice when several sweepers run at once', async () => {
    const sweeper = t.app.get(SagaTimeoutSweeper);
    const orderIds = await Promise.all([placeOrder(t), placeOrder(t), placeOrder(t)]);
    const swept = await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
    await Promise.all(orderIds.map((id) => untilStatus(t, id, 'CANCELLED')));
    for (const orderId of orderIds) {
      const cancelled = await outboxOf(t, orderId, OrderCancelledV1Contract);
      expect(cancelled).toHaveLength(1);
      expect(await outboxOf(t, orderId, VoidPaymentV1Contract)).toHaveLength(1);
      // swept as one set, each still caused by its own order's placing request
      const [placed] = await outboxOf(t, orderId);
      expect(cancelled[0].correlationId).toBe(placed.correlationId);
    }
    expect(swept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(orderIds.length);
  });

  it('leaves a confirmed order alone when its deadline passes', async () => {
    const orderId = await placeOrder(t);
    await publishEvent(t.app, StockReservedV1Contract, { orderId, lines: [{ sku: MUG.sku, quantity: 2 }] });
    await publishEvent(t.app, PaymentAuthorizedV1Contract, {
      orderId,
      authorizationId: 'auth-1',
      amountMinor: DEFAULT_TOTAL,
      currency: 'EUR',
    });
    const status = await eventually(
      () => t.db.query(`SELECT status, deadline_at < now() AS past FROM orders.sagas WHERE order_id = $1`, [orderId]),
      (rows: Array<{ status: string; past: boolean }>) => rows[0].status !== 'PENDING' && rows[0].past,
      { expected: 'the order settled and its deadline passed' },
    );
    if (status[0].status === 'CONFIRMED') {
      await t.app.get(SagaTimeoutSweeper).sweep();
      expect((await t.db.query(`SELECT status FROM orders.orders WHERE id = $1`, [orderId]))[0].status).toBe(
        'CONFIRMED',
      );
      expect(await outboxOf(t, orderId, OrderCancelledV1Contract)).toEqual([]);
    } else {
      // the replies lost the race against a 300 ms deadline on a busy machine: then it must be a clean TIMEOUT
      expect(await outboxOf(t, orderId, OrderCancelledV1Contract)).toHaveLength(1);
    }
  });
});
