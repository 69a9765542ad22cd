import {
  newEventId,
  ReleaseStockV1Contract,
  ReserveStockV1Contract,
  ShipmentDispatchedV1Contract,
  StockReservationFailedV1Contract,
  StockReservedV1Contract,
  type EventEnvelope,
  type ReserveStockV1,
} from '@platform/events';
import {
  databaseBackends,
  envelopeOf,
  eventually,
  eventuallyDeadLettered,
  outboxEvents,
  FAST_RETRIES,
  handleAsOneSet,
  startContextTestApp,
  type ContextTestApp,
} from '@platform/testing';
import { randomUUID } from 'node:crypto';
import { CommitStockWhenShipmentDispatched } from '../src/commands/commit-stock/commit-stock-when-shipment-dispatched.subscription';
import { ReleaseStockWhenCommanded } from '../src/commands/release-stock/release-stock-when-commanded.subscription';
import { ReserveStockWhenCommanded } from '../src/commands/reserve-stock/reserve-stock-when-commanded.subscription';
import { INVENTORY } from '../src/context';
import { InventoryModule } from '../src/inventory.module';
import {
  answersFor,
  givenProduct,
  newOrderId,
  newSku,
  reservationStatusOf,
  reserve,
  stockOf,
} from './inventory-test-kit';

// Reserve commands handled as one set (as the consumer pipeline hands them over under load) leave
// exactly what the same commands handled one by one leave: stock, reservations and answers.
describe.each(databaseBackends())('inventory reservations as sets on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [InventoryModule], { INVENTORY_SEED_DEMO: 'false', ...FAST_RETRIES });
  });
  afterAll(() => t?.close());

  const handleSet = (events: ReadonlyArray<EventEnvelope<ReserveStockV1>>) =>
    handleAsOneSet(t, InventoryModule, ReserveStockV1Contract, events, (set, ctx) =>
      t.app.get(ReserveStockWhenCommanded).handle(set, ctx),
    );

  it('decides a set in arrival order, as one by one would', async () => {
    // given / when
    const asOneSet = await scenario(t, (events) => handleSet(events));
    const oneByOne = await scenario(t, async (events) => {
      for (const event of events) await handleSet([event]);
    });
    // then
    expect(asOneSet).toEqual(oneByOne);
    expect(asOneSet.stock).toEqual({ A: { onHand: 5, reserved: 5 }, B: { onHand: 3, reserved: 3 } });
    const [reserved, failed] = [StockReservedV1Contract.type, StockReservationFailedV1Contract.type];
    expect(asOneSet.answers).toEqual([
      [reserved, { orderId: 'o0', lines: [{ sku: 'B', quantity: 1 }] }, 'e0'],
      [reserved, { orderId: 'o1', lines: [{ sku: 'A', quantity: 3 }] }, 'e1'],
      [failed, { orderId: 'o2', reason: 'OUT_OF_STOCK', shortLines: [{ sku: 'A', requested: 3, available: 2 }] }, 'e2'],
      [
        reserved,
        {
          orderId: 'o3',
          lines: [
            { sku: 'A', quantity: 2 },
            { sku: 'B', quantity: 2 },
          ],
        },
        'e3',
      ],
      [reserved, { orderId: 'o1', lines: [{ sku: 'A', quantity: 3 }] }, 'e4'],
      [failed, { orderId: 'o4', reason: 'UNKNOWN_SKU', shortLines: [{ sku: 'U', requested: 1, available: 0 }] }, 'e5'],
      [reserved, { orderId: 'o0', lines: [{ sku: 'B', quantity: 1 }] }, 'e6'],
      [failed, { orderId: 'o5', reason: 'OUT_OF_STOCK', shortLines: [{ sku: 'B', requested: 1, available: 0 }] }, 'e7'],
    ]);
  });

  it('commits a set of dispatches as one by one would, an order dispatched twice once', async () => {
    // given / when
    const commitScenario = async (asOneSet: boolean) => {
      const [a, b] = [await givenProduct(t, 5), await givenProduct(t, 4)];
      const [o1, o2, o3] = [newOrderId(), newOrderId(), newOrderId()];
      await handleSet([
        envelopeOf(ReserveStockV1Contract, { orderId: o1, lines: [{ sku: a, quantity: 2 }] }),
        envelopeOf(ReserveStockV1Contract, {
          orderId: o2,
          lines: [
            { sku: a, quantity: 1 },
            { sku: b, quantity: 3 },
          ],
        }),
      ]);
      const dispatches = [o1, o2, o1, o3].map((orderId) =>
        envelopeOf(ShipmentDispatchedV1Contract, {
          orderId,
          shipmentId: randomUUID(),
          dispatchedAt: new Date().toISOString(),
        }),
      );
      const commit = (set: typeof dispatches) =>
        handleAsOneSet(t, InventoryModule, ShipmentDispatchedV1Contract, set, (events, ctx) =>
          t.app.get(CommitStockWhenShipmentDispatched).handle(events, ctx),
        );
      if (asOneSet) await commit(dispatches);
      else for (const dispatch of dispatches) await commit([dispatch]);
      return {
        stock: [await stockOf(t, a), await stockOf(t, b)],
        statuses: [
          await reservationStatusOf(t, o1),
          await reservationStatusOf(t, o2),
          await reservationStatusOf(t, o3),
        ],
      };
    };
    const [asOneSet, oneByOne] = [await commitScenario(true), await commitScenario(false)];
    // then
    expect(asOneSet).toEqual(oneByOne);
    expect(asOneSet).toEqual({
      stock: [
        { onHand: 2, reserved: 0 },
        { onHand: 1, reserved: 0 },
      ],
      statuses: ['COMMITTED', 'COMMITTED', undefined],
    });
  });

  it('releases a set as one by one would: an order released twice gives back once, a tombstone once', async () => {
    // given / when
    const releaseScenario = async (asOneSet: boolean) => {
      const sku = await givenProduct(t, 5);
      const [o1, o2] = [newOrderId(), newOrderId()];
      await handleSet([envelopeOf(ReserveStockV1Contract, { orderId: o1, lines: [{ sku, quantity: 2 }] })]);
      const releases = [o1, o1, o2, o2].map((orderId) =>
        envelopeOf(ReleaseStockV1Contract, { orderId, reason: 'ORDER_CANCELLED' }),
      );
      const release = (set: typeof releases) =>
        handleAsOneSet(t, InventoryModule, ReleaseStockV1Contract, set, (events, ctx) =>
          t.app.get(ReleaseStockWhenCommanded).handle(events, ctx),
        );
      if (asOneSet) await release(releases);
      else for (const one of releases) await release([one]);
      const answers = await answersFor(t, [o1, o2]);
      return {
        stock: await stockOf(t, sku),
        statuses: [await reservationStatusOf(t, o1), await reservationStatusOf(t, o2)],
        released: answers.released,
      };
    };
    const [asOneSet, oneByOne] = [await releaseScenario(true), await releaseScenario(false)];
    // then
    expect(asOneSet).toEqual(oneByOne);
    expect(asOneSet).toEqual({
      stock: { onHand: 5, reserved: 0 },
      statuses: ['RELEASED', 'RELEASED'],
      released: 4,
    });
  });

  it('refuses the whole set for one malformed command, writing nothing', async () => {
    // given
    const sku = await givenProduct(t, 10);
    const [good, bad] = [newOrderId(), newOrderId()];
    const events = [
      envelopeOf(ReserveStockV1Contract, { orderId: good, lines: [{ sku, quantity: 1 }] }),
      envelopeOf(ReserveStockV1Contract, { orderId: bad, lines: [{ sku, quantity: 0 }] }),
    ];
    // when / then
    await expect(handleSet(events)).rejects.toMatchObject({ code: 'INVENTORY.INVALID_LINES' });
    expect(await stockOf(t, sku)).toEqual({ onHand: 10, reserved: 0 });
    expect(await answersFor(t, [good, bad])).toEqual({ reserved: [], failed: [], released: 0 });
  });

  it('through the pipeline, dead-letters only the malformed command of a burst and answers the others', async () => {
    // given
    const sku = await givenProduct(t, 100);
    const orderIds = Array.from({ length: 12 }, () => newOrderId());
    const badEventId = newEventId();
    // when
    await Promise.all([
      ...orderIds.map((orderId) => reserve(t, orderId, [{ sku, quantity: 1 }])),
      reserve(t, newOrderId(), [{ sku, quantity: -1 }], badEventId),
    ]);
    // then
    expect(await eventuallyDeadLettered(t, INVENTORY, badEventId)).toEqual({
      error_code: 'INVENTORY.INVALID_LINES',
      attempts: 1,
    });
    const answers = await eventually(
      () => answersFor(t, orderIds),
      (a) => a.reserved.length === 12,
      { expected: 'stock-reserved for each of the 12 good orders' },
    );
    expect(answers.failed).toHaveLength(0);
    expect(await stockOf(t, sku)).toEqual({ onHand: 100, reserved: 12 });
  });
});

interface Observed {
  readonly stock: Record<string, { onHand: number; reserved: number }>;
  readonly reservations: unknown[];
  /** [type, payload, the event that caused it] in outbox order, names in place of ids */
  readonly answers: unknown[];
}

/**
 * Products A (5) and B (3), order o0 reserved beforehand, then seven commands: two orders take
 * the same SKU, one order is sent twice, o0 is sent again, one SKU is unknown, and the last order
 * finds B taken by the earlier ones. Ids are replaced by names so two runs compare equal.
 */
async function scenario(
  t: ContextTestApp,
  handle: (events: ReadonlyArray<EventEnvelope<ReserveStockV1>>) => Promise<void>,
): Promise<Observed> {
  const names = new Map<string, string>();
  const named = (name: string, id: string) => (names.set(id, name), id);
  // A sorts before B in every run: lines are sorted by SKU, so the two runs compare equal
  const [skuA, skuB] = [newSku(), newSku()].sort();
  const [a, b] = [named('A', await givenProduct(t, 5, 1_000, skuA)), named('B', await givenProduct(t, 3, 1_000, skuB))];
  const unknown = named('U', newSku());
  const [o0, o1, o2, o3, o4, o5] = ['o0', 'o1', 'o2', 'o3', 'o4', 'o5'].map((name) => named(name, newOrderId()));
  let sent = 0;
  const command = (orderId: string, lines: ReserveStockV1['lines']) => {
    const event = envelopeOf(ReserveStockV1Contract, { orderId, lines }, { correlationId: `c-${orderId}` });
    named(`e${sent++}`, event.eventId);
    return event;
  };
  await handle([command(o0, [{ sku: b, quantity: 1 }])]);
  await handle([
    command(o1, [{ sku: a, quantity: 3 }]),
    command(o2, [
      { sku: b, quantity: 1 },
      { sku: a, quantity: 3 },
    ]),
    command(o3, [
      { sku: b, quantity: 1 },
      { sku: a, quantity: 2 },
      { sku: b, quantity: 1 },
    ]),
    command(o1, [{ sku: a, quantity: 3 }]),
    command(o4, [{ sku: unknown, quantity: 1 }]),
    command(o0, [{ sku: b, quantity: 1 }]),
    command(o5, [{ sku: b, quantity: 1 }]),
  ]);
  const orderIds = [o1, o2, o3, o4, o5, o0];
  const rename = (value: unknown): unknown =>
    JSON.parse([...names].reduce((text, [id, name]) => text.split(id).join(name), JSON.stringify(value)));
  const reservations = await t.db.query(
    `SELECT r.order_id, r.status, r.refusal_reason, r.short_lines,
            (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity) ORDER BY l.sku)
               FROM ${INVENTORY}.reservation_line l WHERE l.order_id = r.order_id) AS lines
       FROM ${INVENTORY}.reservation r WHERE r.order_id = ANY($1)`,
    [orderIds],
  );
  const answers = (await outboxEvents<{ orderId: string }>(t.app, t.db, INVENTORY))
    .filter((event) => orderIds.includes(event.payload.orderId))
    .map((event) => {
      expect(event.correlationId).toBe(`c-${event.payload.orderId}`);
      return [event.type, event.payload, event.causationId];
    });
  return {
    stock: rename({ [a]: await stockOf(t, a), [b]: await stockOf(t, b) }) as Observed['stock'],
    reservations: (rename(reservations) as Array<{ order_id: string }>).sort((x, y) =>
      x.order_id < y.order_id ? -1 : 1,
    ),
    answers: rename(answers) as unknown[],
  };
}
