import { randomUUID } from 'node:crypto';
import type { MessageSetContext } from '@platform/messaging';
import {
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  type EventContract,
  type EventEnvelope,
} from '@platform/events';
import {
  databaseBackends,
  envelopeOf,
  handleAsOneSet,
  startContextTestApp,
  type ContextTestApp,
} from '@platform/testing';
import { CreditPointsWhenOrderConfirmed } from '../src/commands/credit-points/credit-points-when-order-confirmed.subscription';
import { ReversePointsWhenOrderCancelled } from '../src/commands/reverse-points/reverse-points-when-order-cancelled.subscription';
import { LoyaltyModule } from '../src/loyalty.module';
import { cancelled, confirmed } from './loyalty-test-kit';

type SetHandler<P> = (events: ReadonlyArray<EventEnvelope<P>>, ctx: MessageSetContext) => Promise<void>;

// Confirmations and cancellations handled as one set (as the consumer pipeline hands them over
// under load) leave exactly the ledger and tombstones the same events handled one by one leave.
describe.each(databaseBackends())('loyalty sets on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [LoyaltyModule], { LOYALTY_POINTS_PER_UNIT: '2' });
  });
  afterAll(() => t?.close());

  const inOneSet =
    <P>(contract: EventContract<P>, handle: SetHandler<P>) =>
    (events: ReadonlyArray<EventEnvelope<P>>) =>
      handleAsOneSet(t, LoyaltyModule, contract, events, handle);
  const credit = inOneSet(OrderConfirmedV1Contract, (events, ctx) =>
    t.app.get(CreditPointsWhenOrderConfirmed).handle(events, ctx),
  );
  const reverse = inOneSet(OrderCancelledV1Contract, (events, ctx) =>
    t.app.get(ReversePointsWhenOrderCancelled).handle(events, ctx),
  );

  it('credits and reverses a set in arrival order, as one by one would', async () => {
    // given / when
    const asOneSet = await scenario(false);
    const oneByOne = await scenario(true);
    // then: 246 points per order of 12_345 at 2 points per unit
    expect(asOneSet).toEqual(oneByOne);
    expect(asOneSet).toEqual({
      ledger: [
        ['o1', 'CREDIT', '246', 'e1'],
        ['o2', 'CREDIT', '246', 'e2'],
        ['o1', 'REVERSAL', '-246', 'e6'],
      ],
      closed: [
        ['o1', 'CANCELLED', 'e6'],
        ['o4', 'CANCELLED', 'e0'],
        ['o5', 'CANCELLED', 'e8'],
      ],
    });
  });

  it('refuses the whole set for one impossible total, writing nothing', async () => {
    // given
    const [good, bad] = [randomUUID(), randomUUID()];
    // when / then
    await expect(
      credit([
        envelopeOf(OrderConfirmedV1Contract, confirmed(good, randomUUID(), 12_345)),
        envelopeOf(OrderConfirmedV1Contract, confirmed(bad, randomUUID(), -1)),
      ]),
    ).rejects.toMatchObject({ code: 'LOYALTY.INVALID_TOTAL' });
    expect(await t.db.query(`SELECT 1 FROM loyalty.ledger WHERE order_id = ANY($1)`, [[good, bad]])).toEqual([]);
  });

  /**
   * o4 is cancelled first; then confirmations of o1, o2, o1 again, o3 (too small to earn) and o4
   * (closed); then cancellations of o1, o1 again and o5 (never confirmed). `apart` hands every
   * event over as a set of one. Ids are replaced by names so two runs compare equal.
   */
  async function scenario(apart: boolean) {
    const names = new Map<string, string>();
    const [o1, o2, o3, o4, o5] = ['o1', 'o2', 'o3', 'o4', 'o5'].map((name) => {
      const id = randomUUID();
      names.set(id, name);
      return id;
    });
    const customerId = randomUUID();
    let sent = 0;
    const named = <P>(event: EventEnvelope<P>) => (names.set(event.eventId, `e${sent++}`), event);
    const confirm = (orderId: string, totalMinor = 12_345) =>
      named(envelopeOf(OrderConfirmedV1Contract, confirmed(orderId, customerId, totalMinor)));
    const cancel = (orderId: string) =>
      named(envelopeOf(OrderCancelledV1Contract, cancelled(orderId, customerId, true)));
    const handle = async <P>(
      handler: (events: ReadonlyArray<EventEnvelope<P>>) => Promise<void>,
      events: Array<EventEnvelope<P>>,
    ) => {
      if (!apart) return handler(events);
      for (const event of events) await handler([event]);
    };
    await reverse([cancel(o4)]);
    await handle(credit, [confirm(o1), confirm(o2), confirm(o1), confirm(o3, 10), confirm(o4)]);
    await handle(reverse, [cancel(o1), cancel(o1), cancel(o5)]);
    const name = (id: string) => names.get(id) ?? id;
    const orders = [o1, o2, o3, o4, o5];
    const ledger: Array<{ order_id: string; kind: string; points: string; source_event_id: string }> = await t.db.query(
      `SELECT order_id, kind, points, source_event_id FROM loyalty.ledger WHERE order_id = ANY($1) ORDER BY id`,
      [orders],
    );
    const closed: Array<{ order_id: string; reason: string; source_event_id: string }> = await t.db.query(
      `SELECT order_id, reason, source_event_id FROM loyalty.closed_orders WHERE order_id = ANY($1)`,
      [orders],
    );
    return {
      ledger: ledger.map((row) => [name(row.order_id), row.kind, row.points, name(row.source_event_id)]),
      closed: closed
        .map((row) => [name(row.order_id), row.reason, name(row.source_event_id)])
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    };
  }
});
