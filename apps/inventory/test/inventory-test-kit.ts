import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  ReleaseStockV1Contract,
  ReserveStockV1Contract,
  ShipmentDispatchedV1Contract,
  StockReleasedV1Contract,
  StockReservationFailedV1Contract,
  StockReservedV1Contract,
  type EventEnvelope,
  type StockReservationFailedV1,
  type StockReservedV1,
} from '@platform/events';
import { adminAuth, eventually, outboxEvents, publishEvent, type ContextTestApp } from '@platform/testing';
import { INVENTORY } from '../src/context';

/**
 * What the inventory suites share: driving the context the way its neighbours do (admin HTTP,
 * the saga's commands, shipping's event) and reading its output (product rows, reservations,
 * the outbox). Each test makes its own products and orders, so tests never share stock.
 */
export function newSku(): string {
  return `T-${randomBytes(5).toString('hex').toUpperCase()}`;
}

export function newOrderId(): string {
  return randomUUID();
}

/** a product of the test's own, through the admin API */
export async function givenProduct(
  t: ContextTestApp,
  initialStock: number,
  priceMinor = 1_000,
  sku = newSku(),
): Promise<string> {
  await request(t.app.getHttpServer())
    .post('/admin/products')
    .set('Authorization', adminAuth())
    .send({ sku, name: `Test product ${sku}`, priceMinor, currency: 'EUR', initialStock })
    .expect(201);
  return sku;
}

export interface StockRow {
  readonly onHand: number;
  readonly reserved: number;
}

export async function stockOf(t: ContextTestApp, sku: string): Promise<StockRow> {
  const [row] = await t.db.query(`SELECT on_hand, reserved FROM ${INVENTORY}.product WHERE sku = $1`, [sku]);
  return { onHand: row.on_hand, reserved: row.reserved };
}

export async function reservationStatusOf(t: ContextTestApp, orderId: string): Promise<string | undefined> {
  const [row] = await t.db.query(`SELECT status FROM ${INVENTORY}.reservation WHERE order_id = $1`, [orderId]);
  return row?.status;
}

export function reserve(
  t: ContextTestApp,
  orderId: string,
  lines: Array<{ sku: string; quantity: number }>,
  eventId?: string,
): Promise<EventEnvelope> {
  return publishEvent(t.app, ReserveStockV1Contract, { orderId, lines }, { eventId });
}

export function release(t: ContextTestApp, orderId: string, eventId?: string): Promise<EventEnvelope> {
  return publishEvent(t.app, ReleaseStockV1Contract, { orderId, reason: 'ORDER_CANCELLED' }, { eventId });
}

export function dispatch(t: ContextTestApp, orderId: string, eventId?: string): Promise<EventEnvelope> {
  return publishEvent(
    t.app,
    ShipmentDispatchedV1Contract,
    { orderId, shipmentId: randomUUID(), dispatchedAt: new Date().toISOString() },
    { eventId },
  );
}

export interface Answers {
  readonly reserved: ReadonlyArray<EventEnvelope<StockReservedV1>>;
  readonly failed: ReadonlyArray<EventEnvelope<StockReservationFailedV1>>;
  readonly released: number;
}

/** every answer inventory wrote for these orders */
export async function answersFor(t: ContextTestApp, orderIds: readonly string[]): Promise<Answers> {
  const ids = new Set(orderIds);
  const mine = <P extends { orderId: string }>(events: Array<EventEnvelope<P>>) =>
    events.filter((e) => ids.has(e.payload.orderId));
  return {
    reserved: mine(await outboxEvents(t.app, t.db, INVENTORY, StockReservedV1Contract)),
    failed: mine(await outboxEvents(t.app, t.db, INVENTORY, StockReservationFailedV1Contract)),
    released: mine(await outboxEvents(t.app, t.db, INVENTORY, StockReleasedV1Contract)).length,
  };
}

/** waits until the answers for one order reach a count, then returns them */
export function eventuallyAnswers(
  t: ContextTestApp,
  orderId: string,
  until: (answers: Answers) => boolean,
  expected: string,
): Promise<Answers> {
  return eventually(() => answersFor(t, [orderId]), until, { expected: `${expected} for order ${orderId}` });
}
