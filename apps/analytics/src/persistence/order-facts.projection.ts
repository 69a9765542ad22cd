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
import {
  isRefusal,
  orderFactChangeOf,
  type Milestone,
  type OrderFactChange,
  type ProjectedEvent,
} from '../domain/order-fact-change';
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
  await projectOrderEvents(manager, [envelope]);
}

/**
 * Applies a set of events, in the order they arrived, as projectOrderEvent would one by one, in
 * one upsert for the whole set when it can (see upsertRuns). Throws PermanentFailure, before
 * touching the database, when any of them can never be projected.
 */
export async function projectOrderEvents(manager: EntityManager, envelopes: readonly EventEnvelope[]): Promise<void> {
  const changes = envelopes.map((envelope) => {
    const event = projectedEventOf(envelope);
    if (!event) throw new PermanentFailure('ANALYTICS.NOT_PROJECTED', `${envelope.type} v${envelope.version}`);
    const change = orderFactChangeOf(event);
    if (isRefusal(change)) throw new PermanentFailure(change.code, change.detail);
    return change;
  });
  for (const run of upsertRuns(changes)) await upsertOrderFacts(manager, run);
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

/**
 * Splits changes, kept in arrival order, into runs that one multi-row upsert can apply: a row may
 * change a key only once per statement (ON CONFLICT DO UPDATE), and "details are final" is one
 * flag per statement. A live set is one contract's events, so one run unless an order repeats.
 */
export function upsertRuns(changes: readonly OrderFactChange[]): OrderFactChange[][] {
  const runs: OrderFactChange[][] = [];
  let keys = new Set<string>();
  for (const change of changes) {
    const run = runs.at(-1);
    if (!run || keys.has(change.orderId) || run[0].detailsFinal !== change.detailsFinal) {
      runs.push([change]);
      keys = new Set([change.orderId]);
    } else {
      run.push(change);
      keys.add(change.orderId);
    }
  }
  return runs;
}

// Details: final ones ($12) overwrite, others fill only what is unknown. Milestones: earliest wins
// (LEAST ignores NULL). Status: the later by precedence ($13, ORDER_STATUSES). One atomic upsert,
// so two events of one order handled at once (different topics, different workers) both count.
const UPSERT = `
  INSERT INTO ${ANALYTICS}.order_facts AS f (order_id, customer_id, currency, total_minor, lines, status,
    placed_at, confirmed_at, cancelled_at, dispatched_at, delivered_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::jsonb[], $6::text[],
    $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[])
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

/** one run (distinct orders, one detailsFinal) in one statement */
async function upsertOrderFacts(manager: EntityManager, run: readonly OrderFactChange[]): Promise<void> {
  const column = <T>(value: (change: OrderFactChange) => T): T[] => run.map(value);
  const when = (milestone: Milestone) => column((c) => (c.milestone === milestone ? c.at : null));
  await manager.query(UPSERT, [
    column((c) => c.orderId),
    column((c) => c.details?.customerId ?? null),
    column((c) => c.details?.currency ?? null),
    column((c) => c.details?.totalMinor ?? null),
    column((c) => (c.details?.lines ? JSON.stringify(c.details.lines) : null)),
    column((c) => c.status),
    when('placed'),
    when('confirmed'),
    when('cancelled'),
    when('dispatched'),
    when('delivered'),
    run[0].detailsFinal,
    ORDER_STATUSES,
  ]);
}
