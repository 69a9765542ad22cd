import { randomUUID } from 'node:crypto';
import request, { type Test } from 'supertest';
import {
  ProductUpdatedV1Contract,
  type EventContract,
  type EventEnvelope,
  type ProductUpdatedV1,
} from '@platform/events';
import {
  eventually,
  outboxEvents,
  publishEvent,
  startContextTestApp,
  type Backend,
  type ContextTestApp,
} from '@platform/testing';
import { OrdersModule } from '../src/orders.module';

// Shared set-up of the orders suites: the other contexts are simulated by publishing their events.

export const MUG = { sku: 'MUG-BLUE', name: 'Blue mug', priceMinor: 1250, currency: 'EUR' };
export const TEE = { sku: 'TEE-RED', name: 'Red tee', priceMinor: 1999, currency: 'EUR' };
export const HAT = { sku: 'HAT-USD', name: 'US hat', priceMinor: 2500, currency: 'USD' };
export const OLD = { sku: 'OLD-ONE', name: 'Discontinued', priceMinor: 100, currency: 'EUR' };

export function product(p: typeof MUG, overrides: Partial<ProductUpdatedV1> = {}): ProductUpdatedV1 {
  return { ...p, active: p !== OLD, updatedAt: '2026-01-01T00:00:00.000Z', ...overrides };
}

/** the orders context alone on a database of its own, with its price list filled */
export async function startOrdersTestApp(backend: Backend, env: NodeJS.ProcessEnv = {}): Promise<ContextTestApp> {
  const t = await startContextTestApp(backend, [OrdersModule], env);
  try {
    await seedPriceList(t);
    return t;
  } catch (error) {
    await t.close();
    throw error;
  }
}

/** fills the price list the way inventory would, and waits until orders has taken it in */
async function seedPriceList(t: ContextTestApp): Promise<void> {
  for (const p of [MUG, TEE, HAT, OLD]) await publishEvent(t.app, ProductUpdatedV1Contract, product(p));
  await eventually(
    () => t.db.query(`SELECT count(*)::int AS n FROM orders.price_list`),
    (rows: Array<{ n: number }>) => rows[0].n === 4,
    { expected: 'the four products in orders.price_list' },
  );
}

export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customerId: randomUUID(),
    customerEmail: 'ada@example.com',
    currency: 'EUR',
    lines: [
      { sku: MUG.sku, quantity: 2 },
      { sku: TEE.sku, quantity: 1 },
    ],
    shippingAddress: {
      name: 'Ada Lovelace',
      line1: '12 St James Square',
      city: 'London',
      postalCode: 'SW1Y 4JH',
      country: 'GB',
    },
    paymentToken: 'tok_visa',
    ...overrides,
  };
}

/** 2 x 1250 + 1 x 1999 */
export const DEFAULT_TOTAL = 4499;

export function post(t: ContextTestApp, body: unknown, headers: Record<string, string> = {}): Test {
  const req = request(t.app.getHttpServer()).post('/orders');
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req.send(body as object);
}

/** places a valid order and returns its id */
export async function placeOrder(t: ContextTestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await post(t, orderBody(overrides));
  if (res.status !== 202) throw new Error(`placing an order answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.orderId as string;
}

/** the events orders wrote for one order, optionally of one contract */
export async function outboxOf<P>(
  t: ContextTestApp,
  orderId: string,
  contract?: EventContract<P>,
): Promise<Array<EventEnvelope<P>>> {
  const events = await outboxEvents(t.app, t.db, 'orders', contract);
  return events.filter((e) => e.key === orderId);
}

export async function statusOf(t: ContextTestApp, orderId: string): Promise<string | undefined> {
  const rows: Array<{ status: string }> = await t.db.query(`SELECT status FROM orders.orders WHERE id = $1`, [orderId]);
  return rows[0]?.status;
}

export function untilStatus(t: ContextTestApp, orderId: string, status: string): Promise<unknown> {
  return eventually(
    () => statusOf(t, orderId),
    (s) => s === status,
    { expected: `order ${orderId} ${status}` },
  );
}

/** waits until the orders consumer has committed these events (its inbox holds their ids) */
export function untilHandled(t: ContextTestApp, ...events: Array<EventEnvelope<unknown>>): Promise<unknown> {
  const ids = events.map((e) => e.eventId);
  return eventually(
    () => t.db.query(`SELECT count(*)::int AS n FROM orders.inbox WHERE event_id = ANY($1::uuid[])`, [ids]),
    (rows: Array<{ n: number }>) => rows[0].n === new Set(ids).size,
    { expected: `orders to have handled ${ids.length} event(s)` },
  );
}

/** waits until the outbox holds `count` events of this contract for the order, and returns them */
export function untilOutbox<P>(
  t: ContextTestApp,
  orderId: string,
  contract: EventContract<P>,
  count = 1,
): Promise<Array<EventEnvelope<P>>> {
  return eventually(
    () => outboxOf(t, orderId, contract),
    (events) => events.length >= count,
    { expected: `${count} ${contract.type} for order ${orderId}` },
  );
}
