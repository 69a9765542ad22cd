import {
  ageMs,
  num,
  resultOf,
  type Invariant,
  type InvariantOptions,
  type InvariantResult,
  type Sources,
} from './invariant';
import { CONFIRMED_AND_KEPT, loadOrders, settled, type OrderView } from './order-view';

export const LOYALTY = 'loyalty-points';

interface Points {
  readonly orderId: string;
  readonly customerIds: string[];
  readonly points: number;
  readonly credits: number;
  readonly reversals: number;
  readonly creditPoints: number | null;
  readonly ageMs: number;
}

const POINTS = `
  SELECT order_id, array_agg(DISTINCT customer_id) AS customer_ids, sum(points) AS points,
         count(*) FILTER (WHERE kind = 'CREDIT') AS credits, count(*) FILTER (WHERE kind = 'REVERSAL') AS reversals,
         max(points) FILTER (WHERE kind = 'CREDIT') AS credit_points, ${ageMs('max(at)')} AS age_ms
    FROM loyalty.ledger GROUP BY order_id`;

/** the earning rule, as loyalty applies it: points per whole currency unit (minor units are hundredths) */
export function pointsFor(totalMinor: number, pointsPerUnit: number): number {
  return Math.floor(totalMinor / 100) * pointsPerUnit;
}

/**
 * The rule applied once per confirmed-and-kept order: per order the ledger sums to the rule's
 * points when it is CONFIRMED, SHIPPED or DELIVERED, and to 0 when it was cancelled (credit and
 * reversal) or never confirmed. At most one credit and one reversal, and a credit is worth
 * exactly the rule, whatever happened next.
 */
export async function checkLoyalty(
  sources: Pick<Sources, 'orders' | 'loyalty'>,
  options: InvariantOptions,
): Promise<InvariantResult> {
  const orders = await loadOrders(sources.orders);
  const ledger = new Map((await sources.loyalty(POINTS)).map((row) => [orderIdOf(row), toPoints(row)]));
  const violations: string[] = [];
  for (const order of orders.values()) {
    const entry = ledger.get(order.id);
    for (const problem of problemsOf(order, entry, options)) violations.push(`order ${order.id}: ${problem}`);
  }
  for (const entry of ledger.values()) {
    if (!orders.has(entry.orderId) && settled(options, entry.ageMs) && entry.points !== 0) {
      violations.push(`order ${entry.orderId}: ${entry.points} points for an order that does not exist`);
    }
  }
  return resultOf(LOYALTY, `${ledger.size} orders in the ledger, ${orders.size} orders`, violations);
}

function problemsOf(order: OrderView, entry: Points | undefined, options: InvariantOptions): string[] {
  const problems: string[] = [];
  const rule = pointsFor(order.totalMinor, options.pointsPerUnit);
  if (entry) {
    if (entry.credits > 1) problems.push(`credited ${entry.credits} times`);
    if (entry.reversals > 1) problems.push(`reversed ${entry.reversals} times`);
    if (entry.creditPoints !== null && entry.creditPoints !== rule) {
      problems.push(
        `credit of ${entry.creditPoints} points, the rule gives ${rule} for a total of ${order.totalMinor}`,
      );
    }
    if (entry.customerIds.some((id) => id.toLowerCase() !== order.customerId.toLowerCase())) {
      problems.push(
        `ledger entries for customer(s) ${entry.customerIds.join(', ')}, the order's is ${order.customerId}`,
      );
    }
  }
  if (!settled(options, order.idleMs, entry?.ageMs)) return problems;
  const expected = CONFIRMED_AND_KEPT.has(order.status) ? rule : 0;
  const actual = entry?.points ?? 0;
  if (actual !== expected) {
    problems.push(`${actual} points for a ${order.status} order of ${order.totalMinor}, expected ${expected}`);
  }
  return problems;
}

function orderIdOf(row: Record<string, unknown>): string {
  return String(row.order_id).toLowerCase();
}

function toPoints(row: Record<string, unknown>): Points {
  return {
    orderId: orderIdOf(row),
    customerIds: (row.customer_ids as unknown[]).map(String),
    points: num(row.points),
    credits: num(row.credits),
    reversals: num(row.reversals),
    creditPoints: row.credit_points === null ? null : num(row.credit_points),
    ageMs: num(row.age_ms),
  };
}

export const loyaltyInvariant: Invariant = { name: LOYALTY, check: checkLoyalty };
