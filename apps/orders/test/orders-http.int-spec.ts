import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ProductUpdatedV1Contract } from '@platform/events';
import { databaseBackends, eventually, publishEvent, type ContextTestApp } from '@platform/testing';
import { HAT, MUG, OLD, orderBody, outboxOf, placeOrder, post, product, startOrdersTestApp } from './orders-test-kit';

// The orders HTTP API: validation, business refusals, idempotency, reading and paging.

describe.each(databaseBackends())('the orders API on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startOrdersTestApp(backend);
  });

  afterAll(() => t?.close());

  const http = () => request(t.app.getHttpServer());
  const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
  const countOrders = async (customerId: string): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM orders.orders WHERE customer_id = $1`, [customerId]))[0].n;

  describe('Idempotency-Key', () => {
    it('answers a replay with the same order and places nothing new', async () => {
      const body = orderBody();
      const first = await post(t, body, { 'Idempotency-Key': 'checkout-1' }).expect(202);
      const replay = await post(t, body, { 'Idempotency-Key': 'checkout-1' }).expect(202);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers.location).toBe(first.headers.location);
      expect(await countOrders(body.customerId as string)).toBe(1);
      expect(await outboxOf(t, first.body.orderId)).toHaveLength(3);
    });

    it('places one order when the same request races itself', async () => {
      const body = orderBody();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => post(t, body, { 'Idempotency-Key': 'checkout-race' })),
      );
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
      expect(new Set(answers.map((a) => a.body.orderId)).size).toBe(1);
      expect(await countOrders(body.customerId as string)).toBe(1);
    });

    it('refuses the same key with a different body (422) and stores nothing for it', async () => {
      const body = orderBody();
      await post(t, body, { 'Idempotency-Key': 'checkout-2' }).expect(202);
      const reused = await post(
        t,
        { ...body, lines: [{ sku: MUG.sku, quantity: 5 }] },
        { 'Idempotency-Key': 'checkout-2' },
      );
      expect(reused.status).toBe(422);
      expect(reused.headers['content-type']).toContain('application/problem+json');
      expect(reused.body).toMatchObject({ status: 422, code: 'ORDER.IDEMPOTENCY_KEY_REUSED' });
      expect(await countOrders(body.customerId as string)).toBe(1);
    });

    it('refuses a key longer than 200 characters (400)', async () => {
      const res = await post(t, orderBody(), { 'Idempotency-Key': 'k'.repeat(201) }).expect(400);
      expect(fieldsOf(res.body)).toEqual(['Idempotency-Key']);
    });
  });

  describe('business refusals (422 problem+json naming the line)', () => {
    it('refuses an unknown sku', async () => {
      const res = await post(t, orderBody({ lines: [{ sku: 'NOPE-1', quantity: 1 }] })).expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        status: 422,
        code: 'ORDER.UNKNOWN_SKU',
        errors: [{ field: 'lines[0].sku', problems: ['unknown sku NOPE-1'] }],
      });
    });

    it('refuses an inactive sku on the line that names it', async () => {
      const lines = [
        { sku: MUG.sku, quantity: 1 },
        { sku: OLD.sku, quantity: 1 },
      ];
      const res = await post(t, orderBody({ lines })).expect(422);
      expect(res.body).toMatchObject({ code: 'ORDER.UNKNOWN_SKU' });
      expect(fieldsOf(res.body)).toEqual(['lines[1].sku']);
    });

    it('refuses a currency other than the product’s', async () => {
      const res = await post(t, orderBody({ lines: [{ sku: HAT.sku, quantity: 1 }] })).expect(422);
      expect(res.body).toMatchObject({ code: 'ORDER.CURRENCY_MISMATCH' });
      expect(fieldsOf(res.body)).toEqual(['lines[0].sku']);
    });

    it('keeps the newest price: an older product-updated is ignored', async () => {
      const sku = 'LAMP-1';
      const newer = { sku, name: 'Lamp', priceMinor: 3000, currency: 'EUR' };
      await publishEvent(
        t.app,
        ProductUpdatedV1Contract,
        product(newer as typeof MUG, { updatedAt: '2026-02-02T00:00:00Z' }),
      );
      const stale = await publishEvent(
        t.app,
        ProductUpdatedV1Contract,
        product({ ...newer, priceMinor: 1 } as typeof MUG, { updatedAt: '2026-01-01T00:00:00Z' }),
      );
      await eventually(
        () => t.db.query(`SELECT 1 FROM orders.inbox WHERE event_id = $1`, [stale.eventId]),
        (rows: unknown[]) => rows.length === 1,
        { expected: 'the stale product update handled' },
      );
      const orderId = await placeOrder(t, { lines: [{ sku, quantity: 2 }] });
      const order = await http().get(`/orders/${orderId}`).expect(200);
      expect(order.body).toMatchObject({ totalMinor: 6000, lines: [{ sku, quantity: 2, unitPriceMinor: 3000 }] });
    });
  });

  describe('malformed requests (400 problem+json with field paths)', () => {
    it.each<[string, Record<string, unknown>, string[]]>([
      ['a missing customerId', { customerId: undefined }, ['customerId']],
      ['a customerId that is not a uuid', { customerId: 'abc' }, ['customerId']],
      ['a bad email', { customerEmail: 'not-an-email' }, ['customerEmail']],
      ['a currency that is not ISO 4217', { currency: 'eur' }, ['currency']],
      ['no lines', { lines: [] }, ['lines']],
      ['a quantity of 0 and a missing sku', { lines: [{ quantity: 0 }] }, ['lines[0].sku', 'lines[0].quantity']],
      ['a fractional quantity', { lines: [{ sku: MUG.sku, quantity: 1.5 }] }, ['lines[0].quantity']],
      ['a quantity over 1000', { lines: [{ sku: MUG.sku, quantity: 1001 }] }, ['lines[0].quantity']],
      [
        'a repeated sku',
        {
          lines: [
            { sku: MUG.sku, quantity: 1 },
            { sku: MUG.sku, quantity: 2 },
          ],
        },
        ['lines'],
      ],
      [
        'more than 100 lines',
        { lines: Array.from({ length: 101 }, (_, i) => ({ sku: `S-${i}`, quantity: 1 })) },
        ['lines'],
      ],
      ['no shipping address', { shippingAddress: undefined }, ['shippingAddress']],
      [
        'a bad country and a missing city',
        { shippingAddress: { name: 'A', line1: 'B', postalCode: 'C', country: 'GBR' } },
        ['shippingAddress.city', 'shippingAddress.country'],
      ],
      [
        'a client-side price',
        { lines: [{ sku: MUG.sku, quantity: 1, unitPriceMinor: 1 }] },
        ['lines[0].unitPriceMinor'],
      ],
      ['a missing payment token', { paymentToken: undefined }, ['paymentToken']],
    ])('refuses %s', async (_name, overrides, fields) => {
      const res = await post(t, orderBody(overrides)).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
      expect(fieldsOf(res.body).sort()).toEqual([...fields].sort());
    });

    it('refuses malformed JSON', async () => {
      const res = await http().post('/orders').set('Content-Type', 'application/json').send('{"lines":').expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('GET /orders/:id', () => {
    it('shows the order with its lines and its timeline', async () => {
      const body = orderBody();
      const orderId = await placeOrder(t, body);
      const res = await http().get(`/orders/${orderId}`).expect(200);
      expect(res.body).toEqual({
        orderId,
        customerId: body.customerId,
        status: 'PENDING',
        currency: 'EUR',
        totalMinor: 4499,
        lines: [
          { sku: 'MUG-BLUE', quantity: 2, unitPriceMinor: 1250 },
          { sku: 'TEE-RED', quantity: 1, unitPriceMinor: 1999 },
        ],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        timeline: [{ at: res.body.createdAt, kind: 'PLACED', detail: '' }],
      });
    });

    it('answers 404 for an unknown id and 400 for a malformed one, as problem+json', async () => {
      const missing = await http().get(`/orders/${randomUUID()}`).expect(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.body).toMatchObject({ status: 404, code: 'ORDER.NOT_FOUND' });
      const malformed = await http().get('/orders/not-a-uuid').expect(400);
      expect(malformed.body).toMatchObject({ status: 400, errors: [{ field: 'id' }] });
    });

    it('answers 404 and 400 the same way when cancelling', async () => {
      await http().post(`/orders/${randomUUID()}/cancel`).expect(404);
      await http().post('/orders/42/cancel').expect(400);
    });
  });

  describe('GET /orders?customerId', () => {
    it('pages through a customer’s orders, newest first', async () => {
      const customerId = randomUUID();
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push(await placeOrder(t, { customerId }));
      await placeOrder(t); // someone else's

      const first = await http().get('/orders').query({ customerId, limit: 2 }).expect(200);
      expect(first.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([ids[2], ids[1]]);
      expect(first.body.items[0]).toMatchObject({ customerId, status: 'PENDING', totalMinor: 4499, currency: 'EUR' });
      expect(typeof first.body.nextCursor).toBe('string');

      const second = await http().get('/orders').query({ customerId, limit: 2, cursor: first.body.nextCursor });
      expect(second.status).toBe(200);
      expect(second.body).toEqual({ items: [expect.objectContaining({ orderId: ids[0] })], nextCursor: null });
    });

    it('refuses a missing customerId, a bad limit and a forged cursor (400)', async () => {
      const missing = await http().get('/orders').expect(400);
      expect(fieldsOf(missing.body)).toEqual(['customerId']);
      const limit = await http().get('/orders').query({ customerId: randomUUID(), limit: 0 }).expect(400);
      expect(fieldsOf(limit.body)).toEqual(['limit']);
      const cursor = await http().get('/orders').query({ customerId: randomUUID(), cursor: 'forged' }).expect(400);
      expect(fieldsOf(cursor.body)).toEqual(['cursor']);
    });
  });
});
