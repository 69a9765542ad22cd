import { randomUUID } from 'node:crypto';
import { eventually } from '@platform/testing';
import { flowTrail } from './flow-trail';
import { createProduct, orderBody, orderOutcome, placeOrder, waitForStatus } from './order-flow';
import type { PlatformUnderTest } from './platform-under-test';

/**
 * The order lifecycle's scenarios, once, for every way the platform is deployed: in one process
 * on the in-process transport, the monolith on Kafka, every context as its own process on Kafka.
 * Each spec file starts its platform and calls this inside its describe. The assertions are the
 * same everywhere, which is the point: the deployment must not change what the platform does.
 */
/**
 * What every platform running these scenarios needs besides its transport: shipments move only
 * when a scenario advances them, and no deadline of the flow fires because a loaded 2-core
 * machine is slow. The 200 concurrent orders are about stock, so neither the saga's deadline
 * (30 s, then TIMEOUT) nor the payment processor's (200 ms in FAST_FLOW, then a decline) may
 * cancel one of them: either made a run confirm 49 of the 50. The saga's deadline here outlasts
 * the scenario's own wait for the 200 orders (420 s).
 */
export const LIFECYCLE_SETTINGS: NodeJS.ProcessEnv = {
  SHIPPING_AUTO_ADVANCE: 'false',
  CONSUMER_MAX_ATTEMPTS: '400',
  ORDERS_SAGA_TIMEOUT_MS: '600000',
  PAYMENTS_PROCESSOR_TIMEOUT_MS: '2000',
};

/** the orders whose outcome is not final yet */
function unsettled(orderIds: readonly string[], outcomes: readonly string[] | undefined): string[] {
  return orderIds.filter((_, i) => outcomes?.[i] !== 'CONFIRMED' && !outcomes?.[i]?.startsWith('CANCELLED'));
}

export function orderLifecycleScenarios(platform: () => PlatformUnderTest): void {
  // the spec's own beforeAll, registered before this one, has started the platform by now
  let p: PlatformUnderTest;
  beforeAll(() => {
    p = platform();
  });

  const advanceShipment = async (orderId: string): Promise<void> => {
    await eventually(
      async () =>
        (await p.admin.POST('/admin/shipments/{orderId}/advance', { params: { path: { orderId } } })).response.status,
      (status) => status === 200,
      { expected: `shipment of ${orderId} to advance` },
    );
  };

  const product = async (sku: string): Promise<{ on_hand: number; reserved: number }> => {
    const [row] = await p.db.query('SELECT on_hand, reserved FROM inventory.product WHERE sku = $1', [sku]);
    return row;
  };

  const loyalty = async (customerId: string) =>
    (await p.api.GET('/loyalty/{customerId}', { params: { path: { customerId } } })).data as {
      balance: number;
      ledger: Array<{ kind: string; points: number }>;
    };

  const notificationKinds = async (orderId: string): Promise<string[]> => {
    const { data } = await p.api.GET('/notifications', { params: { query: { orderId } } });
    return ((data as { messages: Array<{ kind: string }> }).messages ?? []).map((m) => m.kind);
  };

  const paymentStatus = async (orderId: string): Promise<string | undefined> =>
    ((await p.api.GET('/payments/{orderId}', { params: { path: { orderId } } })).data as { status?: string })?.status;

  it('takes a good order to CONFIRMED and DELIVERED: one charge, one committed reservation, points once, one e-mail per step, counted once', async () => {
    const sku = await createProduct(p, 10, 1999);
    const customerId = randomUUID();
    const orderId = await placeOrder(p, { customerId, lines: [{ sku, quantity: 2 }] });

    await waitForStatus(p, orderId, 'CONFIRMED');
    await advanceShipment(orderId); // dispatched: stock committed, payment captured
    await waitForStatus(p, orderId, 'SHIPPED');
    await advanceShipment(orderId);
    await waitForStatus(p, orderId, 'DELIVERED');

    await eventually(
      () => paymentStatus(orderId),
      (s) => s === 'CAPTURED',
      { expected: 'the payment captured' },
    );
    const [charges] = await p.db.query(
      `SELECT count(DISTINCT authorization_id) FILTER (WHERE operation = 'authorize')::int AS authorizations,
              count(*) FILTER (WHERE operation = 'capture')::int AS captures
         FROM payments.processor_calls WHERE order_id = $1`,
      [orderId],
    );
    expect(charges).toEqual({ authorizations: 1, captures: 1 });

    await eventually(
      () => product(sku),
      (row) => row.on_hand === 8,
      { expected: 'two units committed' },
    );
    expect(await product(sku)).toEqual({ on_hand: 8, reserved: 0 });
    const reservations = await p.db.query('SELECT status FROM inventory.reservation WHERE order_id = $1', [orderId]);
    expect(reservations).toEqual([{ status: 'COMMITTED' }]);

    const points = await eventually(
      () => loyalty(customerId),
      (l) => l.balance > 0,
      { expected: 'points credited' },
    );
    expect(points.balance).toBe(39); // 39.98 EUR: one point per whole unit
    expect(points.ledger.map((e) => e.kind)).toEqual(['CREDIT']);

    const kinds = await eventually(
      () => notificationKinds(orderId),
      (k) => k.length >= 4,
      {
        expected: 'four e-mails',
      },
    );
    expect([...kinds].sort()).toEqual(['ORDER_CONFIRMED', 'ORDER_DELIVERED', 'ORDER_DISPATCHED', 'ORDER_RECEIVED']);

    const facts = await eventually(
      () => p.db.query('SELECT status, total_minor FROM analytics.order_facts WHERE order_id = $1', [orderId]),
      (rows: Array<{ status: string }>) => rows[0]?.status === 'DELIVERED',
      { expected: 'analytics to see the delivery' },
    );
    expect(facts).toHaveLength(1);
    const { data: top } = await p.api.GET('/analytics/top-products', { params: { query: { limit: 100 } } });
    expect(
      (top as { products: Array<{ sku: string; units: number }> }).products.find((t) => t.sku === sku)?.units,
    ).toBe(2);
  });

  it('cancels a declined card with the stock released and no points', async () => {
    const sku = await createProduct(p, 5);
    const customerId = randomUUID();
    const orderId = await placeOrder(p, { customerId, lines: [{ sku, quantity: 3 }], paymentToken: 'tok_decline' });

    await waitForStatus(p, orderId, 'CANCELLED');
    const { data } = await p.api.GET('/orders/{id}', { params: { path: { id: orderId } } });
    expect((data as { cancelReason?: string }).cancelReason).toBe('PAYMENT_DECLINED');
    await eventually(
      () => product(sku),
      (row) => row.reserved === 0,
      { expected: 'the reservation released' },
    );
    expect(await product(sku)).toEqual({ on_hand: 5, reserved: 0 });
    await eventually(
      () => notificationKinds(orderId),
      (k) => k.includes('ORDER_CANCELLED'),
      {
        expected: 'the cancellation e-mail',
      },
    );
    expect(await loyalty(customerId)).toMatchObject({ balance: 0, ledger: [] });
  });

  it('cancels an out-of-stock line with the authorisation voided', async () => {
    const sku = await createProduct(p, 1);
    const orderId = await placeOrder(p, { lines: [{ sku, quantity: 2 }] });

    await waitForStatus(p, orderId, 'CANCELLED');
    await eventually(
      () => paymentStatus(orderId),
      (s) => s === 'VOIDED',
      { expected: 'the authorisation voided' },
    );
    expect(await product(sku)).toEqual({ on_hand: 1, reserved: 0 });
  });

  it('confirms exactly 50 of 200 concurrent orders for 50 units and cancels the rest', async () => {
    const sku = await createProduct(p, 50);
    const orderIds: string[] = [];
    for (let wave = 0; wave < 10; wave += 1) {
      orderIds.push(
        ...(await Promise.all(Array.from({ length: 20 }, () => placeOrder(p, { lines: [{ sku, quantity: 1 }] })))),
      );
    }
    // a loaded CI machine may take minutes for these; a flow that stopped makes no progress for a minute
    const settled = await eventually(
      () => Promise.all(orderIds.map((id) => orderOutcome(p, id))),
      (outcomes) => unsettled(orderIds, outcomes).length === 0,
      {
        expected: 'all 200 orders settled',
        timeoutMs: 420_000,
        stallMs: 60_000,
        progress: (outcomes) => orderIds.length - unsettled(orderIds, outcomes).length,
        intervalMs: 500,
        explain: async (last) =>
          `${await flowTrail(p.db, unsettled(orderIds, last))}\nbusy consumers:\n${p.describeBusyConsumers?.() ?? '(not visible)'}`,
      },
    );
    const counts: Record<string, number> = {};
    for (const outcome of settled) counts[outcome] = (counts[outcome] ?? 0) + 1;
    // every refusal is for stock: any other reason (a deadline, a decline) is a failure that says so
    expect(counts).toEqual({ CONFIRMED: 50, 'CANCELLED OUT_OF_STOCK': 150 });
    const stock = await eventually(
      () => product(sku),
      (row) => row.reserved === 50,
      { expected: '50 units reserved' },
    );
    expect(stock).toEqual({ on_hand: 50, reserved: 50 });
  }, 600_000);

  it('lets a customer cancel before dispatch: payment released, stock released, points reversed', async () => {
    const sku = await createProduct(p, 4, 2500);
    const customerId = randomUUID();
    const orderId = await placeOrder(p, { customerId, lines: [{ sku, quantity: 2 }] });
    await waitForStatus(p, orderId, 'CONFIRMED');
    await eventually(
      () => loyalty(customerId),
      (l) => l.balance === 50,
      { expected: 'points credited' },
    );

    const cancel = await p.api.POST('/orders/{id}/cancel', { params: { path: { id: orderId } } });
    expect(cancel.response.status).toBe(202);
    await waitForStatus(p, orderId, 'CANCELLED');

    // before dispatch nothing was captured: the authorisation is voided, which releases the money
    await eventually(
      () => paymentStatus(orderId),
      (s) => s === 'VOIDED',
      { expected: 'the authorisation voided' },
    );
    await eventually(
      () => product(sku),
      (row) => row.reserved === 0,
      { expected: 'the stock released' },
    );
    const points = await eventually(
      () => loyalty(customerId),
      (l) => l.balance === 0,
      { expected: 'points reversed' },
    );
    expect(points.ledger.map((e) => e.kind).sort()).toEqual(['CREDIT', 'REVERSAL']);
    const [{ n }] = await p.db.query(
      "SELECT count(*)::int AS n FROM payments.processor_calls WHERE order_id = $1 AND operation = 'capture'",
      [orderId],
    );
    expect(n).toBe(0);
  });

  it('refuses to cancel a shipped order', async () => {
    const sku = await createProduct(p, 3);
    const orderId = await placeOrder(p, { lines: [{ sku, quantity: 1 }] });
    await waitForStatus(p, orderId, 'CONFIRMED');
    await advanceShipment(orderId);
    await waitForStatus(p, orderId, 'SHIPPED');

    const cancel = await p.api.POST('/orders/{id}/cancel', { params: { path: { id: orderId } } });
    expect(cancel.response.status).toBe(409);
    expect(cancel.response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('replays an idempotency key without creating anything new', async () => {
    const sku = await createProduct(p, 5);
    const customerId = randomUUID();
    const key = `checkout-${randomUUID()}`;
    const first = await placeOrder(p, { customerId, lines: [{ sku, quantity: 1 }] }, key);
    const second = await placeOrder(p, { customerId, lines: [{ sku, quantity: 1 }] }, key);
    expect(second).toBe(first);

    const changed = await p.api.POST('/orders', {
      body: orderBody({ customerId, lines: [{ sku, quantity: 2 }] }),
      params: { header: { 'Idempotency-Key': key } } as never,
    });
    expect(changed.response.status).toBe(422);
    const { data } = await p.api.GET('/orders', { params: { query: { customerId } } });
    expect((data as { items: unknown[] }).items).toHaveLength(1);
  });

  it('keeps confirming checkouts while analytics fails, and analytics catches up when it recovers', async () => {
    const sku = await createProduct(p, 5);
    expect((await p.admin.PUT('/admin/analytics/mode', { body: { mode: 'failing' } })).response.status).toBe(200);
    const orderId = await placeOrder(p, { lines: [{ sku, quantity: 1 }] });
    await waitForStatus(p, orderId, 'CONFIRMED');
    const whileFailing = await p.db.query('SELECT 1 FROM analytics.order_facts WHERE order_id = $1', [orderId]);
    expect(whileFailing).toHaveLength(0);

    expect((await p.admin.PUT('/admin/analytics/mode', { body: { mode: 'normal' } })).response.status).toBe(200);
    await eventually(
      () => p.db.query('SELECT status FROM analytics.order_facts WHERE order_id = $1', [orderId]),
      (rows: Array<{ status: string }>) => rows[0]?.status === 'CONFIRMED',
      { expected: 'analytics to catch up with the confirmation' },
    );
  });
}
