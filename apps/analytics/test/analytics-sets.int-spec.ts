import { randomUUID } from 'node:crypto';
import {
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  OrderPlacedV1Contract,
  ShipmentDispatchedV1Contract,
  type EventContract,
} from '@platform/events';
import type { Type } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { subscriptionPattern, type MessageSetContext } from '@platform/messaging';
import {
  databaseBackends,
  envelopeOf,
  handleAsOneSet,
  startContextTestApp,
  type ContextTestApp,
} from '@platform/testing';
import { AnalyticsModule } from '../src/analytics.module';
import { ANALYTICS } from '../src/context';
import { UPDATE_ORDER_FACTS_SUBSCRIPTIONS } from '../src/commands/update-order-facts/update-order-facts-when-order-progressed.subscription';
import { cancelled, confirmed, dispatched, placed, type OrderSpec } from './analytics-test-kit';

interface SetSubscription {
  handle(events: readonly unknown[], ctx: MessageSetContext): Promise<void>;
}

// Order and shipment events handled as one set per contract (as the consumer pipeline hands them
// over under load) leave exactly the order facts the same events handled one by one leave.
describe.each(databaseBackends())('analytics order facts as sets on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [AnalyticsModule], { ADMIN_TOKEN: 'analytics-test-admin' });
  });
  afterAll(() => t?.close());

  /** hands the events of one contract to its set subscription: as one set, or one by one */
  const handle = async <P>(contract: EventContract<P>, payloads: P[], apart: boolean): Promise<void> => {
    const subscription = t.app.get<SetSubscription>(subscriptionOf(contract));
    const events = payloads.map((payload) => envelopeOf(contract, payload));
    const inOneSet = (set: typeof events) =>
      handleAsOneSet(t, AnalyticsModule, contract, set, (s, ctx) => subscription.handle(s, ctx));
    if (!apart) return inOneSet(events);
    for (const event of events) await inOneSet([event]);
  };

  it('projects sets of each contract as one by one would, two events of one order in a set included', async () => {
    // given / when
    const asOneSet = await scenario(false);
    const oneByOne = await scenario(true);
    // then
    expect(asOneSet).toEqual(oneByOne);
    expect(asOneSet).toMatchObject([
      {
        order_id: 'o1',
        status: 'DISPATCHED',
        total_minor: '3000',
        placed_at: new Date('2026-01-01T09:00:00Z'),
        confirmed_at: new Date('2026-01-01T10:00:00Z'),
        dispatched_at: new Date('2026-01-02T08:00:00Z'),
      },
      { order_id: 'o2', status: 'CANCELLED', total_minor: '500', cancelled_at: new Date('2026-01-01T11:00:00Z') },
      { order_id: 'o3', status: 'PLACED', total_minor: '999', confirmed_at: null },
    ]);
  });

  it('refuses the whole set for one event it can never project, writing nothing', async () => {
    // given
    const [good, bad] = [spec(), spec()];
    // when / then
    await expect(
      handle(
        ShipmentDispatchedV1Contract,
        [dispatched(good, '2026-01-02T08:00:00Z'), dispatched(bad, 'yesterday')],
        false,
      ),
    ).rejects.toMatchObject({ code: 'ANALYTICS.BAD_TIMESTAMP' });
    expect(
      await t.db.query(`SELECT 1 FROM analytics.order_facts WHERE order_id = ANY($1)`, [[good.orderId, bad.orderId]]),
    ).toEqual([]);
  });

  /**
   * o1 placed twice (a wrong total first, then an earlier time), confirmed twice, dispatched twice;
   * o2 placed and cancelled; o3 placed only. Order ids are replaced by names so two runs compare equal.
   */
  async function scenario(apart: boolean): Promise<unknown[]> {
    const [o1, o2, o3] = [spec(3000), spec(500), spec(999)];
    await handle(
      OrderPlacedV1Contract,
      [
        placed(o1, '2026-01-01T09:30:00Z', 1),
        placed(o2, '2026-01-01T09:10:00Z'),
        placed(o1, '2026-01-01T09:00:00Z'),
        placed(o3, '2026-01-01T09:20:00Z'),
      ],
      apart,
    );
    await handle(
      OrderConfirmedV1Contract,
      [confirmed(o1, '2026-01-01T10:30:00Z'), confirmed(o1, '2026-01-01T10:00:00Z')],
      apart,
    );
    await handle(OrderCancelledV1Contract, [cancelled(o2, '2026-01-01T11:00:00Z', false)], apart);
    await handle(
      ShipmentDispatchedV1Contract,
      [dispatched(o1, '2026-01-02T09:00:00Z'), dispatched(o1, '2026-01-02T08:00:00Z')],
      apart,
    );
    const names = new Map([
      [o1.orderId, 'o1'],
      [o2.orderId, 'o2'],
      [o3.orderId, 'o3'],
    ]);
    const rows: Array<Record<string, unknown> & { order_id: string; customer_id: string | null }> = await t.db.query(
      `SELECT * FROM analytics.order_facts WHERE order_id = ANY($1)`,
      [[...names.keys()]],
    );
    return rows
      .map((row) => ({
        ...row,
        order_id: names.get(row.order_id),
        customer_id: row.customer_id?.replace(row.order_id, ''),
      }))
      .sort((a, b) => (a.order_id! < b.order_id! ? -1 : 1));
  }
});

/** the order-facts subscription class of a contract, found by the pattern it is subscribed with */
function subscriptionOf(contract: EventContract): Type {
  const pattern = subscriptionPattern(ANALYTICS, contract.topic);
  const found = UPDATE_ORDER_FACTS_SUBSCRIPTIONS.find(
    (cls) => (Reflect.getMetadata(PATTERN_METADATA, cls.prototype.handle) as string[])[0] === pattern,
  );
  if (!found) throw new Error(`no order-facts subscription for ${contract.topic}`);
  return found;
}

/** an order of one line worth `totalMinor` */
function spec(totalMinor = 1000): OrderSpec {
  return { orderId: randomUUID(), currency: 'EUR', lines: [{ sku: 'SKU-S', quantity: 1, unitPriceMinor: totalMinor }] };
}
