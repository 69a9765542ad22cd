import { newEventId, ReserveStockV1Contract } from '@platform/events';
import { PlatformMetrics } from '@platform/observability';
import {
  adminAuth,
  databaseBackends,
  eventually,
  eventuallyDeadLettered,
  eventuallyHandled,
  FAST_RETRIES,
  startContextTestApp,
  type ContextTestApp,
} from '@platform/testing';
import request from 'supertest';
import { INVENTORY } from '../src/context';
import { InventoryModule } from '../src/inventory.module';
import {
  answersFor,
  dispatch,
  eventuallyAnswers,
  givenProduct,
  newOrderId,
  newSku,
  release,
  reservationStatusOf,
  reserve,
  stockOf,
} from './inventory-test-kit';

// Reserve, release and commit through the commands and events inventory consumes, asserting
// the product rows, the reservations and what landed in the outbox.
describe.each(databaseBackends())('inventory reservations on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [InventoryModule], {
      INVENTORY_SEED_DEMO: 'false',
      ...FAST_RETRIES,
    });
  });
  afterAll(() => t?.close());

  it('reserves every line of an order and answers stock-reserved', async () => {
    // given
    const [cups, mugs] = [await givenProduct(t, 10), await givenProduct(t, 4)];
    const orderId = newOrderId();
    // when
    await reserve(t, orderId, [
      { sku: mugs, quantity: 4 },
      { sku: cups, quantity: 2 },
    ]);
    // then
    const answers = await eventuallyAnswers(t, orderId, (a) => a.reserved.length === 1, 'one stock-reserved');
    expect(answers.failed).toHaveLength(0);
    expect(answers.reserved[0].payload.lines).toEqual(
      [
        { sku: cups, quantity: 2 },
        { sku: mugs, quantity: 4 },
      ].sort((a, b) => a.sku.localeCompare(b.sku)),
    );
    expect(await stockOf(t, cups)).toEqual({ onHand: 10, reserved: 2 });
    expect(await stockOf(t, mugs)).toEqual({ onHand: 4, reserved: 4 });
    expect(await reservationStatusOf(t, orderId)).toBe('RESERVED');
    const available = await request(t.app.getHttpServer()).get(`/products/${cups}`).expect(200);
    expect(available.body.available).toBe(8);
  });

  it('reserves nothing when one line is short, and reports the short line', async () => {
    // given
    const [plenty, scarce] = [await givenProduct(t, 50), await givenProduct(t, 3)];
    const orderId = newOrderId();
    // when
    await reserve(t, orderId, [
      { sku: plenty, quantity: 5 },
      { sku: scarce, quantity: 4 },
    ]);
    // then
    const answers = await eventuallyAnswers(t, orderId, (a) => a.failed.length === 1, 'one stock-reservation-failed');
    expect(answers.reserved).toHaveLength(0);
    expect(answers.failed[0].payload).toEqual({
      orderId,
      reason: 'OUT_OF_STOCK',
      shortLines: [{ sku: scarce, requested: 4, available: 3 }],
    });
    expect(await stockOf(t, plenty)).toEqual({ onHand: 50, reserved: 0 });
    expect(await stockOf(t, scarce)).toEqual({ onHand: 3, reserved: 0 });
    expect(await reservationStatusOf(t, orderId)).toBe('REJECTED');
  });

  it('refuses an unknown SKU and reserves nothing of the known ones', async () => {
    // given
    const known = await givenProduct(t, 5);
    const unknown = newSku();
    const orderId = newOrderId();
    // when
    await reserve(t, orderId, [
      { sku: known, quantity: 1 },
      { sku: unknown, quantity: 2 },
    ]);
    // then
    const answers = await eventuallyAnswers(t, orderId, (a) => a.failed.length === 1, 'one stock-reservation-failed');
    expect(answers.failed[0].payload).toEqual({
      orderId,
      reason: 'UNKNOWN_SKU',
      shortLines: [{ sku: unknown, requested: 2, available: 0 }],
    });
    expect(await stockOf(t, known)).toEqual({ onHand: 5, reserved: 0 });
  });

  it('never oversells: 40 concurrent orders of 1 unit for 10 available reserve exactly 10', async () => {
    // given: 10 units, and 40 orders spread over the transport's partitions by orderId
    const sku = await givenProduct(t, 10);
    const orderIds = Array.from({ length: 40 }, () => newOrderId());
    const failuresBefore = await reserveFailures(t);
    // when
    await Promise.all(orderIds.map((orderId) => reserve(t, orderId, [{ sku, quantity: 1 }])));
    // then
    const answers = await eventually(
      () => answersFor(t, orderIds),
      (a) => a.reserved.length + a.failed.length === 40,
      { expected: 'an answer to each of the 40 orders' },
    );
    expect(answers.reserved).toHaveLength(10);
    expect(answers.failed).toHaveLength(30);
    expect(new Set(answers.failed.map((e) => e.payload.reason))).toEqual(new Set(['OUT_OF_STOCK']));
    expect(await stockOf(t, sku)).toEqual({ onHand: 10, reserved: 10 });
    const statuses = await t.db.query(
      `SELECT status, count(*)::int AS n FROM ${INVENTORY}.reservation WHERE order_id = ANY($1) GROUP BY status ORDER BY status`,
      [orderIds],
    );
    expect(statuses).toEqual([
      { status: 'REJECTED', n: 30 },
      { status: 'RESERVED', n: 10 },
    ]);
    // decided right the first time under the row locks: no attempt hit the CHECK constraint and retried
    expect(await reserveFailures(t)).toBe(failuresBefore);
  });

  it('answers a repeated reserve command (same or new eventId) with the same outcome, reserving once', async () => {
    // given
    const sku = await givenProduct(t, 10);
    const orderId = newOrderId();
    const first = await reserve(t, orderId, [{ sku, quantity: 3 }]);
    await eventuallyAnswers(t, orderId, (a) => a.reserved.length === 1, 'one stock-reserved');
    // when: the transport redelivers the same event, then the saga sends the command again
    await reserve(t, orderId, [{ sku, quantity: 3 }], first.eventId);
    await reserve(t, orderId, [{ sku, quantity: 3 }]);
    // then: same topic and key, so in order: the redelivery was skipped before the resend was answered
    const answers = await eventuallyAnswers(t, orderId, (a) => a.reserved.length === 2, 'a replayed stock-reserved');
    expect(answers.reserved.map((e) => e.payload)).toEqual([
      { orderId, lines: [{ sku, quantity: 3 }] },
      { orderId, lines: [{ sku, quantity: 3 }] },
    ]);
    expect(await stockOf(t, sku)).toEqual({ onHand: 10, reserved: 3 });
  });

  it('replays a refusal as it was, even after the stock has come in', async () => {
    // given
    const sku = await givenProduct(t, 2);
    const orderId = newOrderId();
    await reserve(t, orderId, [{ sku, quantity: 5 }]);
    await eventuallyAnswers(t, orderId, (a) => a.failed.length === 1, 'one stock-reservation-failed');
    await request(t.app.getHttpServer())
      .post(`/admin/products/${sku}/stock-adjustments`)
      .set('Authorization', adminAuth())
      .send({ delta: 10 })
      .expect(200);
    // when
    await reserve(t, orderId, [{ sku, quantity: 5 }]);
    // then
    const answers = await eventuallyAnswers(t, orderId, (a) => a.failed.length === 2, 'a replayed refusal');
    expect(answers.failed[1].payload).toEqual(answers.failed[0].payload);
    expect(answers.reserved).toHaveLength(0);
    expect(await stockOf(t, sku)).toEqual({ onHand: 12, reserved: 0 });
  });

  it('releases a reservation once, and answers a second release without change', async () => {
    // given
    const sku = await givenProduct(t, 10);
    const orderId = newOrderId();
    await reserve(t, orderId, [{ sku, quantity: 4 }]);
    await eventuallyAnswers(t, orderId, (a) => a.reserved.length === 1, 'one stock-reserved');
    // when
    await release(t, orderId);
    // then
    await eventuallyAnswers(t, orderId, (a) => a.released === 1, 'one stock-released');
    expect(await stockOf(t, sku)).toEqual({ onHand: 10, reserved: 0 });
    expect(await reservationStatusOf(t, orderId)).toBe('RELEASED');
    // when: the saga releases again
    await release(t, orderId);
    // then: answered again, nothing given back twice
    await eventuallyAnswers(t, orderId, (a) => a.released === 2, 'a second stock-released');
    expect(await stockOf(t, sku)).toEqual({ onHand: 10, reserved: 0 });
  });

  it('refuses a reserve that arrives after its release (tombstone), holding no stock', async () => {
    // given: the release overtook the reserve
    const sku = await givenProduct(t, 10);
    const orderId = newOrderId();
    await release(t, orderId);
    await eventuallyAnswers(t, orderId, (a) => a.released === 1, 'stock-released for an order never reserved');
    expect(await reservationStatusOf(t, orderId)).toBe('RELEASED');
    // when
    await reserve(t, orderId, [{ sku, quantity: 1 }]);
    // then
    const answers = await eventuallyAnswers(t, orderId, (a) => a.failed.length === 1, 'a refusal');
    expect(answers.failed[0].payload).toEqual({ orderId, reason: 'ORDER_RELEASED', shortLines: [] });
    expect(answers.reserved).toHaveLength(0);
    expect(await stockOf(t, sku)).toEqual({ onHand: 10, reserved: 0 });
  });

  it('commits the reservation when the shipment is dispatched, once', async () => {
    // given
    const sku = await givenProduct(t, 10);
    const orderId = newOrderId();
    await reserve(t, orderId, [{ sku, quantity: 3 }]);
    await eventuallyAnswers(t, orderId, (a) => a.reserved.length === 1, 'one stock-reserved');
    // when
    const dispatched = await dispatch(t, orderId);
    // then
    await eventually(
      () => stockOf(t, sku),
      (s) => s.onHand === 7,
      { expected: 'on hand down by the 3 shipped' },
    );
    expect(await stockOf(t, sku)).toEqual({ onHand: 7, reserved: 0 });
    expect(await reservationStatusOf(t, orderId)).toBe('COMMITTED');
    // when: redelivered, and sent again with a new eventId
    await dispatch(t, orderId, dispatched.eventId);
    const again = await dispatch(t, orderId);
    await eventuallyHandled(t, INVENTORY, again.eventId);
    // then
    expect(await stockOf(t, sku)).toEqual({ onHand: 7, reserved: 0 });
  });

  it('ignores a release after commit: no stock back, no stock-released', async () => {
    // given: reserved and shipped
    const sku = await givenProduct(t, 10);
    const orderId = newOrderId();
    await reserve(t, orderId, [{ sku, quantity: 2 }]);
    await eventuallyAnswers(t, orderId, (a) => a.reserved.length === 1, 'one stock-reserved');
    await eventuallyHandled(t, INVENTORY, (await dispatch(t, orderId)).eventId);
    // when
    const late = await release(t, orderId);
    await eventuallyHandled(t, INVENTORY, late.eventId);
    // then
    expect((await answersFor(t, [orderId])).released).toBe(0);
    expect(await stockOf(t, sku)).toEqual({ onHand: 8, reserved: 0 });
    expect(await reservationStatusOf(t, orderId)).toBe('COMMITTED');
  });

  it('dead-letters a reserve command with a non-positive quantity at once', async () => {
    // given
    const sku = await givenProduct(t, 10);
    const orderId = newOrderId();
    const eventId = newEventId();
    // when
    await reserve(t, orderId, [{ sku, quantity: 0 }], eventId);
    // then
    expect(await eventuallyDeadLettered(t, INVENTORY, eventId)).toEqual({
      error_code: 'INVENTORY.INVALID_LINES',
      attempts: 1,
    });
    expect(await reservationStatusOf(t, orderId)).toBeUndefined();
  });
});

/** reserve-stock handler attempts that threw (any error), so far in this process (the metrics registry is global) */
async function reserveFailures(t: ContextTestApp): Promise<number> {
  const { values } = await t.app.get(PlatformMetrics).handlerFailures.get();
  return values
    .filter((v) => v.labels.topic === ReserveStockV1Contract.topic && v.labels.group === INVENTORY)
    .reduce((sum, v) => sum + v.value, 0);
}
