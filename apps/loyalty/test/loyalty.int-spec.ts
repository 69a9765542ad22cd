import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { OrderCancelledV1Contract, OrderConfirmedV1Contract, PaymentRefundedV1Contract } from '@platform/events';
import {
  databaseBackends,
  eventually,
  publishEvent,
  startContextTestApp,
  type Backend,
  type ContextTestApp,
} from '@platform/testing';
import { LoyaltyModule } from '../src/loyalty.module';
import { cancelled, confirmed } from './loyalty-test-kit';

interface Balance {
  customerId: string;
  balance: number;
  ledger: Array<{ orderId: string; kind: string; points: number; at: string }>;
}

// LOYALTY_POINTS_PER_UNIT=2 below: 12_345 minor units = 123 whole units = 246 points
const POINTS = 246;

describe.each(databaseBackends())('loyalty on %s', (backend: Backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [LoyaltyModule], {
      LOYALTY_POINTS_PER_UNIT: '2',
      INPROCESS_IDLE_POLL_MS: '50',
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  const balanceOf = async (customerId: string): Promise<Balance> =>
    (await request(t.app.getHttpServer()).get(`/loyalty/${customerId}`).expect(200)).body as Balance;

  /** the handler's inbox row commits with its writes: once it is there, the event's effect is visible */
  const handled = (eventId: string): Promise<number> =>
    eventually(
      async () =>
        Number(
          (await t.db.query(`SELECT count(*) AS n FROM loyalty.inbox WHERE event_id = $1`, [eventId]))[0].n as string,
        ),
      (n) => n === 1,
      { expected: `event ${eventId} handled by loyalty` },
    );

  const entriesOf = async (orderId: string): Promise<Array<{ kind: string; points: string }>> =>
    t.db.query(`SELECT kind, points FROM loyalty.ledger WHERE order_id = $1 ORDER BY id`, [orderId]);

  it('credits a confirmed order once, whatever is redelivered', async () => {
    const customerId = randomUUID();
    const orderId = randomUUID();
    const first = await publishEvent(t.app, OrderConfirmedV1Contract, confirmed(orderId, customerId, 12_345));
    const body = await eventually(
      () => balanceOf(customerId),
      (b) => b.balance === POINTS,
      { expected: `balance ${POINTS}` },
    );
    expect(body).toMatchObject({ customerId, balance: POINTS, ledger: [{ orderId, kind: 'CREDIT', points: POINTS }] });
    expect(new Date(body.ledger[0].at).toISOString()).toBe(body.ledger[0].at);

    // the same event again (inbox), and the same confirmation under a new eventId (the ledger's key)
    await publishEvent(t.app, OrderConfirmedV1Contract, first.payload, { eventId: first.eventId });
    const again = await publishEvent(t.app, OrderConfirmedV1Contract, confirmed(orderId, customerId, 12_345));
    await handled(again.eventId);

    expect(await entriesOf(orderId)).toEqual([{ kind: 'CREDIT', points: String(POINTS) }]);
    expect((await balanceOf(customerId)).balance).toBe(POINTS);
  });

  it('reverses on cancellation after confirmation, once, back to a balance of 0', async () => {
    const customerId = randomUUID();
    const orderId = randomUUID();
    await publishEvent(t.app, OrderConfirmedV1Contract, confirmed(orderId, customerId, 12_345));
    await eventually(
      () => balanceOf(customerId),
      (b) => b.balance === POINTS,
      { expected: `balance ${POINTS}` },
    );

    const cancel = await publishEvent(t.app, OrderCancelledV1Contract, cancelled(orderId, customerId, true));
    const body = await eventually(
      () => balanceOf(customerId),
      (b) => b.ledger.length === 2,
      { expected: 'a credit and a reversal' },
    );
    expect(body.balance).toBe(0);
    expect(body.ledger.map((e) => [e.kind, e.points])).toEqual([
      ['CREDIT', POINTS],
      ['REVERSAL', -POINTS],
    ]);

    await publishEvent(t.app, OrderCancelledV1Contract, cancel.payload, { eventId: cancel.eventId });
    const refund = await publishEvent(t.app, PaymentRefundedV1Contract, {
      orderId,
      amountMinor: 12_345,
      currency: 'EUR',
    });
    await handled(refund.eventId);
    expect(await entriesOf(orderId)).toHaveLength(2);
    expect((await balanceOf(customerId)).balance).toBe(0);
  });

  it('reverses on a refund (found by orderId) once, even refunded twice with new eventIds', async () => {
    const customerId = randomUUID();
    const kept = randomUUID();
    const refunded = randomUUID();
    await publishEvent(t.app, OrderConfirmedV1Contract, confirmed(kept, customerId, 10_000));
    await publishEvent(t.app, OrderConfirmedV1Contract, confirmed(refunded, customerId, 12_345));
    await eventually(
      () => balanceOf(customerId),
      (b) => b.balance === 200 + POINTS,
      { expected: `balance ${200 + POINTS}` },
    );

    const payment = { orderId: refunded, amountMinor: 12_345, currency: 'EUR' };
    await publishEvent(t.app, PaymentRefundedV1Contract, payment);
    const second = await publishEvent(t.app, PaymentRefundedV1Contract, payment);
    await handled(second.eventId);

    const body = await balanceOf(customerId);
    expect(body.balance).toBe(200);
    expect(body.ledger.filter((e) => e.kind === 'REVERSAL')).toEqual([
      expect.objectContaining({ orderId: refunded, points: -POINTS }),
    ]);
  });

  it('credits nothing for a confirmation that arrives after its cancellation (tombstone)', async () => {
    const customerId = randomUUID();
    const orderId = randomUUID();
    const cancel = await publishEvent(t.app, OrderCancelledV1Contract, cancelled(orderId, customerId, false));
    await handled(cancel.eventId);
    const closed = await t.db.query(`SELECT reason FROM loyalty.closed_orders WHERE order_id = $1`, [orderId]);
    expect(closed).toEqual([{ reason: 'CANCELLED' }]);

    const late = await publishEvent(t.app, OrderConfirmedV1Contract, confirmed(orderId, customerId, 12_345));
    await handled(late.eventId);
    expect(await entriesOf(orderId)).toEqual([]);
    expect(await balanceOf(customerId)).toEqual({ customerId, balance: 0, ledger: [] });
  });

  it('credits nothing for a confirmation that arrives after a refund either', async () => {
    const customerId = randomUUID();
    const orderId = randomUUID();
    const refund = await publishEvent(t.app, PaymentRefundedV1Contract, { orderId, amountMinor: 1, currency: 'EUR' });
    await handled(refund.eventId);
    const late = await publishEvent(t.app, OrderConfirmedV1Contract, confirmed(orderId, customerId, 12_345));
    await handled(late.eventId);
    expect(await entriesOf(orderId)).toEqual([]);
  });

  it('never leaves a credit unreversed when confirmation and cancellation race (different topics)', async () => {
    const customerId = randomUUID();
    const orders = Array.from({ length: 20 }, () => randomUUID());
    const events = await Promise.all(
      orders.flatMap((orderId) => [
        publishEvent(t.app, OrderConfirmedV1Contract, confirmed(orderId, customerId, 12_345)),
        publishEvent(t.app, OrderCancelledV1Contract, cancelled(orderId, customerId, true)),
      ]),
    );
    await eventually(
      async () =>
        Number(
          (
            await t.db.query(`SELECT count(*) AS n FROM loyalty.inbox WHERE event_id = ANY($1::uuid[])`, [
              events.map((e) => e.eventId),
            ])
          )[0].n as string,
        ),
      (n) => n === events.length,
      { expected: `${events.length} events handled` },
    );
    for (const orderId of orders) {
      const kinds = (await entriesOf(orderId)).map((e) => e.kind);
      expect([[], ['CREDIT', 'REVERSAL']]).toContainEqual(kinds);
    }
    expect((await balanceOf(customerId)).balance).toBe(0);
  });

  it('dead-letters a confirmation with an impossible total at once', async () => {
    const orderId = randomUUID();
    const bad = await publishEvent(t.app, OrderConfirmedV1Contract, confirmed(orderId, randomUUID(), -5));
    const letters = await eventually(
      () => t.db.query(`SELECT error_code, attempts FROM loyalty.dead_letters WHERE event_id = $1`, [bad.eventId]),
      (rows: unknown[]) => rows.length === 1,
      { expected: 'one dead letter' },
    );
    expect(letters).toEqual([{ error_code: 'LOYALTY.INVALID_TOTAL', attempts: 1 }]);
    expect(await entriesOf(orderId)).toEqual([]);
  });

  it('answers a customer without entries with a balance of 0', async () => {
    const customerId = randomUUID();
    expect(await balanceOf(customerId)).toEqual({ customerId, balance: 0, ledger: [] });
  });

  it.each(['not%20a%20token!', '-1', 'NaN', '12345678901234567890123456', `cust-${randomUUID()}`])(
    'refuses a customer id that is not a UUID, as orders would (%s), with 400 problem+json',
    async (customerId) => {
      const res = await request(t.app.getHttpServer()).get(`/loyalty/${customerId}`).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        status: 400,
        code: 'REQUEST.INVALID',
        errors: [{ field: 'customerId', problems: ['customerId must be a UUID'] }],
      });
    },
  );
});
