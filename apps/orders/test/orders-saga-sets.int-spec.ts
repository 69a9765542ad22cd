import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { TransactionRunner } from '@platform/database';
import { isRefusal } from '@platform/domain';
import {
  OrderConfirmedV1Contract,
  StockReservedV1Contract,
  type EventEnvelope,
  type EventMetadata,
} from '@platform/events';
import { MessageContext, MessageSetContext, PermanentFailure } from '@platform/messaging';
import { databaseBackends, eventually, publishEvent, type ContextTestApp } from '@platform/testing';
import { ApplySagaRepliesCommand } from '../src/commands/apply-saga-reply/apply-saga-replies.command';
import { SAGA_REPLY_SUBSCRIPTIONS } from '../src/commands/apply-saga-reply/apply-saga-replies-when-replied.subscription';
import { SAGA_REPLIES } from '../src/commands/apply-saga-reply/saga-replies';
import type { SagaInput } from '../src/domain/order-saga.types';
import { OrdersModule } from '../src/orders.module';
import { MUG, outboxOf, placeOrder, startOrdersTestApp } from './orders-test-kit';

// The saga replies of one consumer transaction as one set (docs/adr/0026-work-in-sets.md): what a
// set does must be exactly what its replies do one by one, and a reply that can never succeed must
// fail the set, so that the pipeline runs it apart and dead-letters that reply alone.

const CUSTOMER = randomUUID();
const UNKNOWN_ORDER = '0192f5a4-0000-7000-8000-0000000000fe';

/** a reply as the set command takes it: the order, the saga's input, and what it causes (labelled) */
interface Reply {
  readonly label: string;
  readonly orderId: string;
  readonly input: SagaInput;
  readonly metadata: EventMetadata;
}

function reply(label: string, orderId: string, input: SagaInput): Reply {
  return { label, orderId, input, metadata: { correlationId: `corr-${label}`, causationId: randomUUID() } };
}

const stockReserved: SagaInput = { type: 'StockReserved' };
const paymentAuthorized: SagaInput = { type: 'PaymentAuthorized' };
const paymentDeclined: SagaInput = { type: 'PaymentDeclined', reason: 'DECLINED', detail: 'card declined' };

describe.each(databaseBackends())('saga replies as sets on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startOrdersTestApp(backend);
  });

  afterAll(() => t?.close());

  /** the set command in a transaction of its own, as the consumer pipeline sends it */
  function applyAsSet(replies: readonly Reply[]) {
    const transactions = t.app.select(OrdersModule).get(TransactionRunner);
    return transactions.run((tx) => t.app.get(CommandBus).execute(new ApplySagaRepliesCommand(replies, tx)));
  }

  /** what an order's saga left behind, with the order's id and instants taken out so two orders compare */
  async function traceOf(orderId: string, replies: readonly Reply[]) {
    const labelOf = new Map(replies.map((r) => [r.metadata.causationId, r.label]));
    const [saga] = await t.db.query(
      `SELECT s.status, s.stock, s.payment, s.shipment, s.cancel_reason, o.status AS order_status,
              o.cancel_reason AS order_cancel_reason
         FROM orders.sagas s JOIN orders.orders o ON o.id = s.order_id WHERE s.order_id = $1`,
      [orderId],
    );
    const timeline = await t.db.query(
      `SELECT kind, detail FROM orders.order_timeline WHERE order_id = $1 ORDER BY at, id`,
      [orderId],
    );
    const caused = (await outboxOf(t, orderId)).filter((e) => e.causationId !== undefined);
    const events = caused.map((e: EventEnvelope) => ({
      type: e.type,
      causedBy: labelOf.get(e.causationId!) ?? e.causationId,
      correlationId: e.correlationId,
      payload: JSON.parse(JSON.stringify(e.payload).replaceAll(orderId, 'ORDER'), (key, value: unknown) =>
        key.endsWith('At') ? 'AT' : value,
      ) as unknown,
    }));
    return { saga, timeline, events };
  }

  it("applies several orders' replies, two of one order among them, exactly as one by one", async () => {
    const [a, b, c, a1, b1, c1] = await Promise.all(
      Array.from({ length: 6 }, () => placeOrder(t, { customerId: CUSTOMER })),
    );
    const inSet = [
      reply('a-stock', a, stockReserved),
      reply('b-declined', b, paymentDeclined),
      reply('c-stock', c, stockReserved),
      reply('a-payment', a, paymentAuthorized),
    ];
    const oneByOne = [
      reply('a-stock', a1, stockReserved),
      reply('b-declined', b1, paymentDeclined),
      reply('c-stock', c1, stockReserved),
      reply('a-payment', a1, paymentAuthorized),
    ];

    expect(await applyAsSet(inSet)).toBeUndefined();
    for (const one of oneByOne) expect(await applyAsSet([one])).toBeUndefined();

    const confirmed = await traceOf(a, inSet);
    expect(confirmed.saga).toMatchObject({ status: 'CONFIRMED', stock: 'RESERVED', payment: 'AUTHORIZED' });
    expect(confirmed.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'PLACED',
      'STOCK_RESERVED',
      'PAYMENT_AUTHORIZED',
      'CONFIRMED',
    ]);
    expect(confirmed.events).toEqual([
      expect.objectContaining({
        type: OrderConfirmedV1Contract.type,
        causedBy: 'a-payment',
        correlationId: 'corr-a-payment',
      }),
    ]);
    expect((await traceOf(b, inSet)).saga).toMatchObject({ status: 'CANCELLED', cancel_reason: 'PAYMENT_DECLINED' });
    expect((await traceOf(c, inSet)).saga).toMatchObject({ status: 'PENDING', stock: 'RESERVED' });

    expect(confirmed).toEqual(await traceOf(a1, oneByOne));
    expect(await traceOf(b, inSet)).toEqual(await traceOf(b1, oneByOne));
    expect(await traceOf(c, inSet)).toEqual(await traceOf(c1, oneByOne));
  });

  it('refuses a set with a reply for an unknown order, naming that reply, and writes nothing of it', async () => {
    const known = await placeOrder(t, { customerId: CUSTOMER });
    const result = await applyAsSet([
      reply('known', known, stockReserved),
      reply('stray', UNKNOWN_ORDER, stockReserved),
    ]);

    expect(isRefusal(result) && { code: result.code, detail: result.detail }).toEqual({
      code: 'ORDER.UNKNOWN_ORDER',
      detail: `StockReserved for an unknown order ${UNKNOWN_ORDER}`,
    });
    const [saga] = await t.db.query(`SELECT stock FROM orders.sagas WHERE order_id = $1`, [known]);
    expect(saga).toEqual({ stock: 'PENDING' });
  });

  it("fails the subscription's set with that reply's permanent failure, so the pipeline runs it apart", async () => {
    const known = await placeOrder(t, { customerId: CUSTOMER });
    const row = SAGA_REPLIES.findIndex((r) => r.contract === StockReservedV1Contract);
    const subscription = t.app.get(SAGA_REPLY_SUBSCRIPTIONS[row]) as {
      handle(events: readonly EventEnvelope[], ctx: MessageSetContext): Promise<void>;
    };
    const events = [known, UNKNOWN_ORDER].map((orderId) => envelopeOf(orderId));
    const transactions = t.app.select(OrdersModule).get(TransactionRunner);

    const failure = await transactions
      .run((tx) => {
        const records = events.map((e, i) => new MessageContext(tx, deliveryAt(i), e));
        return subscription.handle(events, new MessageSetContext(tx, records));
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    expect(failure).toBeInstanceOf(PermanentFailure);
    expect(failure).toMatchObject({ code: 'ORDER.UNKNOWN_ORDER' });
  });

  it('through the pipeline, dead-letters the stray reply alone and applies the others', async () => {
    const known = await Promise.all([placeOrder(t), placeOrder(t), placeOrder(t)]);
    const published = await Promise.all(
      [...known, UNKNOWN_ORDER].map((orderId) =>
        publishEvent(t.app, StockReservedV1Contract, { orderId, lines: [{ sku: MUG.sku, quantity: 2 }] }),
      ),
    );
    const stray = published[published.length - 1];

    const deadLetters = await eventually(
      () => t.db.query(`SELECT error_code FROM orders.dead_letters WHERE event_id = $1`, [stray.eventId]),
      (found: unknown[]) => found.length === 1,
      { expected: 'the stray reply in orders.dead_letters' },
    );
    expect(deadLetters).toEqual([{ error_code: 'ORDER.UNKNOWN_ORDER' }]);
    await eventually(
      () => t.db.query(`SELECT stock FROM orders.sagas WHERE order_id = ANY($1::uuid[])`, [known]),
      (rows: Array<{ stock: string }>) => rows.length === 3 && rows.every((r) => r.stock === 'RESERVED'),
      { expected: 'the three known orders with their stock reserved' },
    );
  });
});

function envelopeOf(orderId: string): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: StockReservedV1Contract.type,
    version: StockReservedV1Contract.version,
    key: orderId,
    occurredAt: new Date().toISOString(),
    producer: 'test',
    correlationId: 'test-correlation',
    payload: { orderId, lines: [{ sku: MUG.sku, quantity: 2 }] },
  };
}

function deliveryAt(offset: number) {
  return { group: 'orders', topic: StockReservedV1Contract.topic, partition: 0, offset: String(offset), attempt: 1 };
}
