import request from 'supertest';
import { databaseBackends, eventually, type ContextTestApp } from '@platform/testing';
import { orderBody, placeOrder, post, startOrdersTestApp } from './orders-test-kit';

// Admission control: with ORDERS_MAX_PENDING in progress, POST /orders refuses with 503 and
// Retry-After and writes nothing; once an order leaves PENDING, orders are taken again.
// Orders runs alone here, so nothing answers its saga and placed orders stay PENDING.

const MAX_PENDING = 3;

describe.each(databaseBackends())('POST /orders admission control on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startOrdersTestApp(backend, {
      ORDERS_MAX_PENDING: String(MAX_PENDING),
      ORDERS_SAGA_TIMEOUT_MS: '600000',
    });
  });

  afterAll(() => t?.close());

  const orderCount = async (): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM orders.orders`))[0].n as number;

  it('refuses with 503 problem+json and Retry-After while the limit is reached, and places nothing', async () => {
    const accepted: string[] = [];
    for (let i = 0; i < MAX_PENDING; i += 1) accepted.push(await placeOrder(t));

    const refused = await eventually(
      () => post(t, orderBody(), { 'Idempotency-Key': 'admission-refused' }),
      (res) => res.status === 503,
      { expected: 'a 503 once the pending count caught up' },
    );
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toMatchObject({ status: 503, code: 'ORDER.OVERLOADED' });
    expect(refused.body.detail).toContain(`${MAX_PENDING} orders are in progress`);
    expect(await orderCount()).toBe(MAX_PENDING);
    // the refused key was not claimed: the same key is free once there is room again
    const keys = await t.db.query(`SELECT count(*)::int AS n FROM orders.idempotency_keys WHERE key = $1`, [
      'admission-refused',
    ]);
    expect(keys[0].n).toBe(0);

    await request(t.app.getHttpServer()).post(`/orders/${accepted[0]}/cancel`).expect(202);
    const retried = await eventually(
      () => post(t, orderBody(), { 'Idempotency-Key': 'admission-refused' }),
      (res) => res.status === 202,
      { expected: 'the retry to be accepted once an order left PENDING' },
    );
    expect(retried.body.status).toBe('PENDING');
    expect(await orderCount()).toBe(MAX_PENDING + 1);
  });
});
