import {
  ageMs,
  num,
  resultOf,
  type Invariant,
  type InvariantOptions,
  type InvariantResult,
  type Sources,
} from './invariant';
import { loadOrders, settled } from './order-view';

export const ANALYTICS = 'analytics';

/** the orders context's status as the analytics read model names it */
const FACT_STATUS: Readonly<Record<string, string>> = {
  PENDING: 'PLACED',
  CONFIRMED: 'CONFIRMED',
  SHIPPED: 'DISPATCHED',
  DELIVERED: 'DELIVERED',
  CANCELLED: 'CANCELLED',
};

/**
 * One order_facts row per order, whose status and total agree with the orders table. The read
 * model may lag (it is fed asynchronously and may be failing on purpose), but only within the
 * settle window, measured on both sides: the order's last change and the fact's latest milestone.
 */
export async function checkAnalytics(
  sources: Pick<Sources, 'orders' | 'analytics'>,
  options: InvariantOptions,
): Promise<InvariantResult> {
  const orders = await loadOrders(sources.orders);
  const rows = await sources.analytics(`
    SELECT order_id, status, total_minor, count(*) OVER (PARTITION BY lower(order_id)) AS copies,
           ${ageMs('GREATEST(placed_at, confirmed_at, cancelled_at, dispatched_at, delivered_at)')} AS age_ms
      FROM analytics.order_facts`);
  const facts = new Map(rows.map((row) => [String(row.order_id).toLowerCase(), row]));
  const violations: string[] = [];
  for (const [orderId, fact] of facts) {
    if (num(fact.copies) > 1) violations.push(`order ${orderId}: ${num(fact.copies)} order_facts rows`);
    if (!orders.has(orderId) && settled(options, ageOf(fact))) {
      violations.push(`order ${orderId}: a ${String(fact.status)} fact for an order that does not exist`);
    }
  }
  for (const order of orders.values()) {
    const fact = facts.get(order.id);
    if (!settled(options, order.idleMs, fact ? ageOf(fact) : undefined)) continue;
    if (!fact) {
      violations.push(`order ${order.id}: ${order.status} but no order_facts row`);
      continue;
    }
    const expected = FACT_STATUS[order.status];
    if (fact.status !== expected) {
      violations.push(
        `order ${order.id}: analytics says ${String(fact.status)}, orders says ${order.status} (${expected})`,
      );
    }
    if (fact.total_minor !== null && num(fact.total_minor) !== order.totalMinor) {
      violations.push(`order ${order.id}: analytics total ${num(fact.total_minor)}, orders total ${order.totalMinor}`);
    }
  }
  return resultOf(ANALYTICS, `${facts.size} order facts for ${orders.size} orders`, violations);
}

function ageOf(fact: Record<string, unknown>): number | undefined {
  return fact.age_ms === null ? undefined : num(fact.age_ms);
}

export const analyticsInvariant: Invariant = { name: ANALYTICS, check: checkAnalytics };
