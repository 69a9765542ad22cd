import type { EntityManager } from 'typeorm';
import {
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  OrderPlacedV1Contract,
  ShipmentDeliveredV1Contract,
  ShipmentDispatchedV1Contract,
  type EventContract,
  type EventEnvelope,
  type OrderCancelledV1,
  type OrderConfirmedV1,
  type OrderPlacedV1,
  type ShipmentDeliveredV1,
  type ShipmentDispatchedV1,
} from '@platform/events';
import { PermanentFailure } from '@platform/messaging';
import { ANALYTICS } from '../context';
import { isRefusal, orderFactChangeOf, type OrderFactChange, type ProjectedEvent } from '../domain/order-fact-change';
import { ORDER_STATUSES } from '../domain/order-status';

/** The contracts the read models are built from: what the handlers consume and a rebuild replays. */
export const PROJECTED_CONTRACTS: readonly EventContract[] = [
  OrderPlacedV1Contract,
  OrderConfirmedV1Contract,
  OrderCancelledV1Contract,
  ShipmentDispatchedV1Contract,
  ShipmentDeliveredV1Contract,
];

/**
 * Applies one event to the read models, through the caller's manager. The live handlers and the
 * rebuild both come through here, so a rebuilt model is the live one. It is idempotent and
 * order-independent per order (see OrderFactChange), so redeliveries, a new eventId for an old
 * fact, or a replay in another interleaving of topics change nothing.
 * Throws PermanentFailure, before touching the database, for an event it can never project.
 */
export async function projectOrderEvent(manager: EntityManager, envelope: EventEnvelope): Promise<void> {
  const event = projectedEventOf(envelope);
  if (!event) throw new PermanentFailure('ANALYTICS.NOT_PROJECTED', `${envelope.type} v${envelope.version}`);
  const change = orderFactChangeOf(event);
  if (isRefusal(change)) throw new PermanentFailure(change.code, change.detail);
  await upsertOrderFacts(manager, change);
}

function projectedEventOf(envelope: EventEnvelope): ProjectedEvent | undefined {
  const is = (contract: EventContract): boolean =>
    envelope.type === contract.type && envelope.version === contract.version;
  if (is(OrderPlacedV1Contract)) return { type: 'orders.order-placed', payload: envelope.payload as OrderPlacedV1 };
  if (is(OrderConfirmedV1Contract))
    return { type: 'orders.order-confirmed', payload: envelope.payload as OrderConfirmedV1 };
  if (is(OrderCancelledV1Contract))
    return { type: 'orders.order-cancelled', payload: envelope.payload as OrderCancelledV1 };
  if (is(ShipmentDispatchedV1Contract))
    return { type: 'shipping.shipment-dispatched', payload: envelope.payload as ShipmentDispatchedV1 };
  if (is(ShipmentDeliveredV1Contract))
    return { type: 'shipping.shipment-delivered', payload: envelope.payload as ShipmentDeliveredV1 };
  return undefined;
}

// Details: final ones ($12) overwrite, others fill only what is unknown. Milestones: earliest wins
// (LEAST ignores NULL). Status: the later by precedence ($13, ORDER_STATUSES). One atomic upsert,
// so two events of one order handled at once (different topics, different workers) both count.
const UPSERT = `
  INSERT INTO ${ANALYTICS}.order_facts AS f (order_id, customer_id, currency, total_minor, lines, status,
    placed_at, confirmed_at, cancelled_at, dispatched_at, delivered_at)
  VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11)
  ON CONFLICT (order_id) DO UPDATE SET
    customer_id = CASE WHEN $12::boolean THEN COALESCE(EXCLUDED.customer_id, f.customer_id) ELSE COALESCE(f.customer_id, EXCLUDED.customer_id) END,
    currency = CASE WHEN $12::boolean THEN COALESCE(EXCLUDED.currency, f.currency) ELSE COALESCE(f.currency, EXCLUDED.currency) END,
    total_minor = CASE WHEN $12::boolean THEN COALESCE(EXCLUDED.total_minor, f.total_minor) ELSE COALESCE(f.total_minor, EXCLUDED.total_minor) END,
    lines = CASE WHEN $12::boolean THEN COALESCE(EXCLUDED.lines, f.lines) ELSE COALESCE(f.lines, EXCLUDED.lines) END,
    status = CASE WHEN array_position($13::text[], EXCLUDED.status) > array_position($13::text[], f.status)
                  THEN EXCLUDED.status ELSE f.status END,
    placed_at = LEAST(f.placed_at, EXCLUDED.placed_at),
    confirmed_at = LEAST(f.confirmed_at, EXCLUDED.confirmed_at),
    cancelled_at = LEAST(f.cancelled_at, EXCLUDED.cancelled_at),
    dispatched_at = LEAST(f.dispatched_at, EXCLUDED.dispatched_at),
    delivered_at = LEAST(f.delivered_at, EXCLUDED.delivered_at)`;

async function upsertOrderFacts(manager: EntityManager, change: OrderFactChange): Promise<void> {
  const { orderId, milestone, status, at, details } = change;
  const when = (m: typeof milestone): Date | null => (m === milestone ? at : null);
  await manager.query(UPSERT, [
    orderId,
    details?.customerId ?? null,
    details?.currency ?? null,
    details?.totalMinor ?? null,
    details?.lines ? JSON.stringify(details.lines) : null,
    status,
    when('placed'),
    when('confirmed'),
    when('cancelled'),
    when('dispatched'),
    when('delivered'),
    change.detailsFinal,
    ORDER_STATUSES,
  ]);
}
