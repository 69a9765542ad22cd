import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { isRefusal, type Refusable } from '@platform/domain';
import { problemFor } from '@platform/http';
import { databaseBackends, type ContextTestApp } from '@platform/testing';
import { PlaceOrderCommand, type PlaceOrderResult } from '../src/commands/place-order/place-order.command';
import type { PlaceOrderRequest } from '../src/commands/place-order/place-order.request.dto';
import { DEFAULT_TOTAL, HAT, MUG, orderBody, post, startOrdersTestApp } from './orders-test-kit';

// POST /orders in sets (group commit): the commands submitted while a placing transaction runs
// are placed together by the next one. Each test submits an opener, which gets a transaction of
// its own at once, and in the same tick the commands under test, which wait for it and then form
// one set. xmin (the id of the transaction that wrote a row) tells which rows committed together.

type Answer = Refusable<PlaceOrderResult>;

interface Placed {
  readonly id: string;
  readonly customer_id: string;
  readonly total_minor: string;
  readonly tx: string;
}

describe.each(databaseBackends())('POST /orders placed in sets on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    // no saga timeout during the test: only the placements write to the outbox
    t = await startOrdersTestApp(backend, { ORDERS_SAGA_TIMEOUT_MS: '600000' });
  });

  afterAll(() => t?.close());

  const commandOf = (body: Record<string, unknown>, key?: string) =>
    new PlaceOrderCommand(body as unknown as PlaceOrderRequest, key, `corr-${randomUUID()}`);

  /** the opener alone, then `commands` as one set: their answers, in order */
  async function placeTogether(commands: PlaceOrderCommand[]): Promise<{ opener: string; answers: Answer[] }> {
    const bus = t.app.get(CommandBus);
    const opener = commandOf(orderBody());
    const settled = await Promise.allSettled([opener, ...commands].map((c) => bus.execute(c)));
    const [first, ...rest] = settled;
    if (first.status !== 'fulfilled' || isRefusal(first.value)) throw new Error('the opener was not placed');
    return { opener: first.value.orderId, answers: rest.map((s) => (s.status === 'fulfilled' ? s.value : s.reason)) };
  }

  const placed = (answer: Answer): PlaceOrderResult => {
    if (isRefusal(answer) || answer instanceof Error) throw new Error(`not placed: ${JSON.stringify(answer)}`);
    return answer;
  };

  const ordersOf = (customers: unknown[]): Promise<Placed[]> =>
    t.db.query(
      `SELECT id, customer_id, total_minor, xmin::text AS tx FROM orders.orders
        WHERE customer_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [customers],
    );

  /** the transactions that wrote the sagas, timeline entries and key rows of these orders */
  const writersOf = async (orderIds: string[]): Promise<string[]> => {
    const rows: Array<{ tx: string }> = await t.db.query(
      `SELECT xmin::text AS tx FROM orders.sagas WHERE order_id = ANY($1::uuid[])
       UNION ALL SELECT xmin::text FROM orders.order_timeline WHERE order_id = ANY($1::uuid[])
       UNION ALL SELECT xmin::text FROM orders.idempotency_keys WHERE order_id = ANY($1::uuid[])`,
      [orderIds],
    );
    return [...new Set(rows.map((row) => row.tx))];
  };

  /** the orders of these customers were placed by one set, not run apart */
  const expectOneTransaction = async (customers: unknown[]): Promise<void> => {
    const orders = await ordersOf(customers);
    expect(orders).toHaveLength(customers.length);
    expect(new Set(orders.map((o) => o.tx)).size).toBe(1);
  };

  const keyRows = (keys: string[]): Promise<Array<{ key: string; order_id: string }>> =>
    t.db.query(`SELECT key, order_id FROM orders.idempotency_keys WHERE key = ANY($1::text[]) ORDER BY key`, [keys]);

  const lastOutboxId = async (): Promise<number> =>
    Number((await t.db.query(`SELECT coalesce(max(id), 0) AS id FROM orders.outbox`))[0].id);

  const outboxKeysAfter = async (id: number): Promise<string[]> =>
    (
      (await t.db.query(`SELECT msg_key FROM orders.outbox WHERE id > $1 ORDER BY id`, [id])) as Array<{
        msg_key: string;
      }>
    ).map((row) => row.msg_key);

  it('answers each request of a set on its own, commits the placed ones in one transaction, and writes nothing for a refused one', async () => {
    // given: two valid requests (one with a key, one in USD), and one naming an unknown sku, with a key
    const valid = orderBody();
    const inUsd = orderBody({ currency: 'USD', lines: [{ sku: HAT.sku, quantity: 2 }] });
    const unknown = orderBody({
      lines: [
        { sku: MUG.sku, quantity: 1 },
        { sku: 'NOPE-1', quantity: 1 },
      ],
    });
    const outboxBefore = await lastOutboxId();
    // when
    const { opener, answers } = await placeTogether([
      commandOf(valid, 'set-valid'),
      commandOf(unknown, 'set-unknown'),
      commandOf(inUsd),
    ]);
    // then: each caller has its own answer
    const [first, refused, third] = answers;
    expect(placed(first).placed).toBe(true);
    expect(placed(third).placed).toBe(true);
    expect(refused).toMatchObject({
      kind: 'invalid',
      code: 'ORDER.UNKNOWN_SKU',
      errors: [{ field: 'lines[1].sku', problems: ['unknown sku NOPE-1'] }],
    });
    // and the two placed orders are theirs, priced, written by one transaction that is not the opener's
    const orders = await ordersOf([valid.customerId, inUsd.customerId, unknown.customerId]);
    expect(orders.map(({ id, customer_id, total_minor }) => ({ id, customer_id, total_minor }))).toEqual([
      { id: placed(first).orderId, customer_id: valid.customerId, total_minor: String(DEFAULT_TOTAL) },
      { id: placed(third).orderId, customer_id: inUsd.customerId, total_minor: String(2 * HAT.priceMinor) },
    ]);
    const ids = orders.map((o) => o.id);
    expect(new Set(orders.map((o) => o.tx)).size).toBe(1);
    expect(await writersOf(ids)).toEqual([orders[0].tx]);
    expect(await writersOf([opener])).not.toEqual([orders[0].tx]);
    // and the refused request left no key; the placed one holds its key
    expect(await keyRows(['set-unknown', 'set-valid'])).toEqual([{ key: 'set-valid', order_id: ids[0] }]);
    // and the outbox holds the three opening events of each placed order, and nothing else
    const outbox = await outboxKeysAfter(outboxBefore);
    expect(outbox).toHaveLength(9);
    expect(new Set(outbox)).toEqual(new Set([opener, ...ids]));
  });

  describe('two requests with one Idempotency-Key in one set', () => {
    it('answers the second with the first one’s order when the bodies are the same, and places one order', async () => {
      const [body, companion] = [orderBody(), orderBody()];
      const { answers } = await placeTogether([
        commandOf(body, 'set-same'),
        commandOf(body, 'set-same'),
        commandOf(companion),
      ]);
      const [first, second] = answers.map(placed);
      expect(first.placed).toBe(true);
      expect(second).toEqual({ orderId: first.orderId, placed: false });
      expect((await ordersOf([body.customerId])).map((o) => o.id)).toEqual([first.orderId]);
      expect(await keyRows(['set-same'])).toEqual([{ key: 'set-same', order_id: first.orderId }]);
      await expectOneTransaction([body.customerId, companion.customerId]);
    });

    it('refuses the second with 422 ORDER.IDEMPOTENCY_KEY_REUSED when its body differs', async () => {
      const [body, companion] = [orderBody(), orderBody()];
      const other = orderBody({ customerId: body.customerId, lines: [{ sku: MUG.sku, quantity: 5 }] });
      const { answers } = await placeTogether([
        commandOf(body, 'set-other'),
        commandOf(other, 'set-other'),
        commandOf(companion),
      ]);
      const [first, second] = answers;
      expect(isRefusal(second)).toBe(true);
      expect(problemFor(second as never).getResponse()).toMatchObject({
        status: 422,
        code: 'ORDER.IDEMPOTENCY_KEY_REUSED',
      });
      expect((await ordersOf([body.customerId])).map((o) => o.id)).toEqual([placed(first).orderId]);
      await expectOneTransaction([body.customerId, companion.customerId]);
    });

    it('lets the second claim the key when the first is refused, as if they had come one after the other', async () => {
      const refused = orderBody({ lines: [{ sku: 'NOPE-2', quantity: 1 }] });
      const [body, companion] = [orderBody(), orderBody()];
      const { answers } = await placeTogether([
        commandOf(refused, 'set-after'),
        commandOf(body, 'set-after'),
        commandOf(companion),
      ]);
      expect(answers[0]).toMatchObject({ kind: 'invalid', code: 'ORDER.UNKNOWN_SKU' });
      expect(await keyRows(['set-after'])).toEqual([{ key: 'set-after', order_id: placed(answers[1]).orderId }]);
      await expectOneTransaction([body.customerId, companion.customerId]);
    });
  });

  it('answers a key stored before the set from its row: a replay with its order, another body with a refusal', async () => {
    // given: a key used over HTTP
    const body = orderBody();
    const earlier = await post(t, body, { 'Idempotency-Key': 'set-earlier' }).expect(202);
    // when
    const other = orderBody({ customerId: body.customerId, lines: [{ sku: MUG.sku, quantity: 7 }] });
    const { answers } = await placeTogether([commandOf(body, 'set-earlier'), commandOf(other, 'set-earlier')]);
    // then
    expect(answers[0]).toEqual({ orderId: earlier.body.orderId, placed: false });
    expect(answers[1]).toMatchObject({ kind: 'invalid', code: 'ORDER.IDEMPOTENCY_KEY_REUSED' });
    expect((await ordersOf([body.customerId])).map((o) => o.id)).toEqual([earlier.body.orderId]);
  });

  it('places the others of a set whose transaction fails, each alone, and fails only the request that caused it', async () => {
    // given: a shipping name PostgreSQL cannot store in jsonb (\u0000): a failure, not a refusal
    const [a, b] = [orderBody(), orderBody()];
    const broken = orderBody({ shippingAddress: { ...(orderBody().shippingAddress as object), name: 'Ada\u0000' } });
    // when
    const { answers } = await placeTogether([commandOf(a, 'apart-a'), commandOf(broken, 'apart-broken'), commandOf(b)]);
    // then
    expect(answers[1]).toBeInstanceOf(Error);
    const orders = await ordersOf([a.customerId, b.customerId, broken.customerId]);
    expect(orders.map((o) => o.id)).toEqual([placed(answers[0]).orderId, placed(answers[2]).orderId]);
    // run apart: each in a transaction of its own
    expect(orders[0].tx).not.toBe(orders[1].tx);
    expect(await keyRows(['apart-a', 'apart-broken'])).toEqual([{ key: 'apart-a', order_id: orders[0].id }]);
  });
});

describe.each(databaseBackends())('POST /orders with ORDERS_PLACE_MAX_BATCH=1 on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startOrdersTestApp(backend, { ORDERS_PLACE_MAX_BATCH: '1' });
  });

  afterAll(() => t?.close());

  it('places every request in a transaction of its own', async () => {
    const bodies = [orderBody(), orderBody(), orderBody()];
    const bus = t.app.get(CommandBus);
    const answers = await Promise.all(
      bodies.map((body) => bus.execute(new PlaceOrderCommand(body as unknown as PlaceOrderRequest, undefined, 'corr'))),
    );
    expect(answers.every((answer) => !isRefusal(answer) && answer.placed)).toBe(true);
    const rows: Array<{ tx: string }> = await t.db.query(
      `SELECT xmin::text AS tx FROM orders.orders WHERE customer_id = ANY($1::uuid[])`,
      [bodies.map((body) => body.customerId)],
    );
    expect(new Set(rows.map((row) => row.tx)).size).toBe(3);
  });
});
