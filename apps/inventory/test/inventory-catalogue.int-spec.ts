import { ProductUpdatedV1Contract } from '@platform/events';
import { adminAuth, databaseBackends, outboxEvents, startContextTestApp, type ContextTestApp } from '@platform/testing';
import request from 'supertest';
import { INVENTORY } from '../src/context';
import { DEMO_CATALOGUE } from '../src/domain/demo-catalogue';
import { InventoryModule } from '../src/inventory.module';
import { eventuallyAnswers, givenProduct, newOrderId, newSku, reserve, stockOf } from './inventory-test-kit';

// The catalogue over HTTP: the demo seed, the public reads and the admin writes, each write
// asserted in the product row and in the outbox (inventory.product-updated.v1).
describe.each(databaseBackends())('inventory catalogue on %s', (backend) => {
  let t: ContextTestApp;
  const http = () => request(t.app.getHttpServer());
  const productUpdates = async (sku: string) =>
    (await outboxEvents(t.app, t.db, INVENTORY, ProductUpdatedV1Contract)).filter((e) => e.payload.sku === sku);

  beforeAll(async () => {
    t = await startContextTestApp(backend, [InventoryModule]);
  });
  afterAll(() => t?.close());

  describe('demo seed', () => {
    it('fills the empty catalogue at start, visible over HTTP', async () => {
      // given: a fresh database and INVENTORY_SEED_DEMO unset (default true)
      // when
      const res = await http().get('/products').query({ limit: 200 }).expect(200);
      // then
      const seeded = res.body.items.filter((p: { sku: string }) => p.sku.startsWith('SKU-'));
      expect(seeded).toHaveLength(DEMO_CATALOGUE.length);
      expect(DEMO_CATALOGUE.length).toBeGreaterThanOrEqual(20);
      expect(seeded.find((p: { sku: string }) => p.sku === 'SKU-0020')).toEqual({
        sku: 'SKU-0020',
        name: 'Limited-edition roaster mug',
        priceMinor: 3900,
        currency: 'EUR',
        available: 5,
        active: true,
      });
      for (const p of seeded) expect(p.currency).toBe('EUR');
    });

    it('announces every seeded product with product-updated in the outbox', async () => {
      // given / when: the start
      const events = await outboxEvents(t.app, t.db, INVENTORY, ProductUpdatedV1Contract);
      // then
      const seeded = events.filter((e) => e.payload.sku.startsWith('SKU-'));
      expect(seeded.map((e) => e.payload.sku).sort()).toEqual(DEMO_CATALOGUE.map((p) => p.sku).sort());
      expect(seeded.find((e) => e.payload.sku === 'SKU-0001')?.payload).toMatchObject({
        name: 'Espresso cup, stoneware',
        priceMinor: 1290,
        currency: 'EUR',
        active: true,
      });
      expect(new Set(seeded.map((e) => e.correlationId)).size).toBe(1);
    });
  });

  describe('public reads', () => {
    it('pages through the catalogue by SKU', async () => {
      // given: the 20 seeded products (and whatever other tests add, all sorting after SKU-)
      // when
      const page = await http().get('/products').query({ limit: 2, offset: 18 }).expect(200);
      // then
      expect(page.body).toMatchObject({ limit: 2, offset: 18 });
      expect(page.body.total).toBeGreaterThanOrEqual(20);
      expect(page.body.items.map((p: { sku: string }) => p.sku)).toEqual(['SKU-0019', 'SKU-0020']);
    });

    it('shows one product with what is available after reservations', async () => {
      // given
      const sku = await givenProduct(t, 9, 2_500);
      const orderId = newOrderId();
      await reserve(t, orderId, [{ sku, quantity: 4 }]);
      await eventuallyAnswers(t, orderId, (a) => a.reserved.length === 1, 'one stock-reserved');
      // when
      const res = await http().get(`/products/${sku}`).expect(200);
      // then
      expect(res.body).toEqual({
        sku,
        name: `Test product ${sku}`,
        priceMinor: 2500,
        currency: 'EUR',
        available: 5,
        active: true,
      });
    });

    it('answers 404 problem+json for an unknown SKU and 400 for a malformed one', async () => {
      // given / when
      const unknown = await http().get('/products/SKU-9999').expect(404);
      const malformed = await http().get('/products/not%20a%20sku').expect(400);
      const badPage = await http().get('/products').query({ limit: 0, offset: -1 }).expect(400);
      // then
      expect(unknown.headers['content-type']).toContain('application/problem+json');
      expect(unknown.body).toMatchObject({ status: 404, code: 'INVENTORY.UNKNOWN_SKU' });
      expect(malformed.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID', errors: [{ field: 'sku' }] });
      expect(badPage.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'offset']);
    });
  });

  describe('admin', () => {
    it('refuses every admin endpoint without the admin token (401 problem+json)', async () => {
      // given
      const calls = [
        http().post('/admin/products').send({}),
        http().patch('/admin/products/SKU-0001').send({ name: 'x' }),
        http()
          .post('/admin/products/SKU-0001/stock-adjustments')
          .set('Authorization', 'Bearer wrong')
          .send({ delta: 1 }),
      ];
      // when
      const responses = await Promise.all(calls);
      // then
      for (const res of responses) {
        expect(res.status).toBe(401);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect(await stockOf(t, 'SKU-0001')).toEqual({ onHand: 240, reserved: 0 });
    });

    it('creates a product and announces it in the same transaction', async () => {
      // given
      const sku = newSku();
      // when
      const res = await http()
        .post('/admin/products')
        .set('Authorization', adminAuth())
        .set('X-Correlation-Id', `create-${sku}`)
        .send({ sku, name: 'Moka pot', priceMinor: 3490, currency: 'EUR', initialStock: 12 })
        .expect(201);
      // then
      expect(res.body).toMatchObject({ sku, available: 12, onHand: 12, reserved: 0, active: true });
      expect(await stockOf(t, sku)).toEqual({ onHand: 12, reserved: 0 });
      const [announced] = await productUpdates(sku);
      expect(announced.payload).toMatchObject({
        sku,
        name: 'Moka pot',
        priceMinor: 3490,
        currency: 'EUR',
        active: true,
      });
      expect(announced.correlationId).toBe(`create-${sku}`);
    });

    it.each([
      ['a zero price', { priceMinor: 0 }, 'priceMinor'],
      ['a fractional price', { priceMinor: 9.5 }, 'priceMinor'],
      ['a lower-case currency', { currency: 'eur' }, 'currency'],
      ['a negative initial stock', { initialStock: -1 }, 'initialStock'],
      ['a malformed sku', { sku: 'sku 1' }, 'sku'],
      ['an unknown field', { colour: 'red' }, 'colour'],
    ])('refuses a create with %s (400 problem+json naming the field)', async (_, change, field) => {
      // given
      const body = { sku: newSku(), name: 'Thing', priceMinor: 100, currency: 'EUR', initialStock: 1, ...change };
      // when
      const res = await http().post('/admin/products').set('Authorization', adminAuth()).send(body).expect(400);
      // then
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('REQUEST.INVALID');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses a duplicate SKU with 409 problem+json and announces nothing more', async () => {
      // given
      const sku = await givenProduct(t, 5);
      // when
      const res = await http()
        .post('/admin/products')
        .set('Authorization', adminAuth())
        .send({ sku, name: 'Another', priceMinor: 100, currency: 'EUR', initialStock: 1 })
        .expect(409);
      // then
      expect(res.body).toMatchObject({ status: 409, code: 'INVENTORY.DUPLICATE_SKU' });
      expect(await stockOf(t, sku)).toEqual({ onHand: 5, reserved: 0 });
      expect(await productUpdates(sku)).toHaveLength(1);
    });

    it('changes name, price and active flag, and announces the change', async () => {
      // given
      const sku = await givenProduct(t, 5, 1_000);
      // when
      const res = await http()
        .patch(`/admin/products/${sku}`)
        .set('Authorization', adminAuth())
        .send({ priceMinor: 1_250, active: false })
        .expect(200);
      // then
      expect(res.body).toMatchObject({ sku, priceMinor: 1250, active: false, onHand: 5 });
      const updates = await productUpdates(sku);
      expect(updates).toHaveLength(2);
      expect(updates[1].payload).toMatchObject({ sku, priceMinor: 1250, active: false });
    });

    it('refuses an empty or invalid change (400), and one for an unknown SKU (404)', async () => {
      // given
      const sku = await givenProduct(t, 5);
      const patch = (target: string, body: object) =>
        http().patch(`/admin/products/${target}`).set('Authorization', adminAuth()).send(body);
      // when / then
      expect((await patch(sku, {}).expect(400)).body.code).toBe('REQUEST.INVALID');
      expect((await patch(sku, { priceMinor: -5 }).expect(400)).body.errors[0].field).toBe('priceMinor');
      expect((await patch(sku, { onHand: 100 }).expect(400)).body.errors[0].field).toBe('onHand');
      expect((await patch(newSku(), { name: 'x' }).expect(404)).body.code).toBe('INVENTORY.UNKNOWN_SKU');
      expect(await productUpdates(sku)).toHaveLength(1);
    });

    it('adjusts stock and announces it; refuses to go below what is reserved (422)', async () => {
      // given: 5 on hand, 4 of them reserved
      const sku = await givenProduct(t, 5);
      const orderId = newOrderId();
      await reserve(t, orderId, [{ sku, quantity: 4 }]);
      await eventuallyAnswers(t, orderId, (a) => a.reserved.length === 1, 'one stock-reserved');
      const adjust = (delta: unknown) =>
        http().post(`/admin/products/${sku}/stock-adjustments`).set('Authorization', adminAuth()).send({ delta });
      // when
      const below = await adjust(-2).expect(422);
      const removed = await adjust(-1).expect(200);
      const added = await adjust(10).expect(200);
      // then
      expect(below.headers['content-type']).toContain('application/problem+json');
      expect(below.body).toMatchObject({ status: 422, code: 'INVENTORY.STOCK_BELOW_RESERVED' });
      expect(removed.body).toMatchObject({ onHand: 4, reserved: 4, available: 0 });
      expect(added.body).toMatchObject({ onHand: 14, reserved: 4, available: 10 });
      expect(await stockOf(t, sku)).toEqual({ onHand: 14, reserved: 4 });
      expect(await productUpdates(sku)).toHaveLength(3);
    });

    it('refuses a zero, fractional or missing delta (400) and an unknown SKU (404)', async () => {
      // given
      const sku = await givenProduct(t, 5);
      const adjust = (target: string, body: object) =>
        http().post(`/admin/products/${target}/stock-adjustments`).set('Authorization', adminAuth()).send(body);
      // when / then
      for (const body of [{ delta: 0 }, { delta: 1.5 }, {}, { delta: '3' }]) {
        const res = await adjust(sku, body).expect(400);
        expect(res.body.errors[0].field).toBe('delta');
      }
      expect((await adjust(newSku(), { delta: 1 }).expect(404)).body.code).toBe('INVENTORY.UNKNOWN_SKU');
      expect(await stockOf(t, sku)).toEqual({ onHand: 5, reserved: 0 });
    });
  });
});

describe.each(databaseBackends())('inventory catalogue with INVENTORY_SEED_DEMO=false on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [InventoryModule], { INVENTORY_SEED_DEMO: 'false' });
  });
  afterAll(() => t?.close());

  it('starts with an empty catalogue and announces nothing', async () => {
    // given / when
    const res = await request(t.app.getHttpServer()).get('/products').expect(200);
    // then
    expect(res.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    expect(await outboxEvents(t.app, t.db, INVENTORY, ProductUpdatedV1Contract)).toHaveLength(0);
  });
});
