import {
  ageMs,
  num,
  resultOf,
  type Invariant,
  type InvariantOptions,
  type InvariantResult,
  type Sources,
} from './invariant';
import { loadOrders, settled, type OrderView } from './order-view';

export const PAYMENTS = 'payments';

interface Money {
  readonly orderId: string;
  readonly status: string | null;
  readonly amountMinor: number | null;
  readonly ageMs: number | undefined;
  /** distinct authorisation ids the processor journal shows for this order */
  readonly authorizations: number;
  readonly captures: number;
  readonly refunds: number;
}

/** the journal counts what the processor did; payment.status is what payments believes */
const MONEY = `
  SELECT COALESCE(p.order_id, c.order_id)::text AS order_id, p.status, p.amount_minor,
         ${ageMs('GREATEST(p.updated_at, c.last_call)')} AS age_ms,
         COALESCE(c.authorizations, 0) AS authorizations, COALESCE(c.captures, 0) AS captures,
         COALESCE(c.refunds, 0) AS refunds
    FROM payments.payment p
    FULL JOIN (SELECT order_id,
                      count(DISTINCT authorization_id) FILTER (WHERE operation = 'authorize') AS authorizations,
                      count(*) FILTER (WHERE operation = 'capture' AND outcome = 'captured') AS captures,
                      count(*) FILTER (WHERE operation = 'refund' AND outcome = 'refunded') AS refunds,
                      max(at) AS last_call
                 FROM payments.processor_calls GROUP BY order_id) c ON c.order_id = p.order_id`;

/**
 * Charged at most once: one authorisation, one capture, one refund per order at most. A
 * cancelled order keeps no money (voided, refunded, declined, or never authorised); a
 * confirmed one holds an authorisation or a capture; a shipped one has been captured (payments
 * captures on dispatch); the amount is the order's total.
 */
export async function checkPayments(
  sources: Pick<Sources, 'orders' | 'payments'>,
  options: InvariantOptions,
): Promise<InvariantResult> {
  const orders = await loadOrders(sources.orders);
  const money = (await sources.payments(MONEY)).map(toMoney);
  const violations: string[] = [];
  const seen = new Set<string>();
  for (const m of money) {
    seen.add(m.orderId);
    for (const problem of problemsOf(m, orders.get(m.orderId), options))
      violations.push(`order ${m.orderId}: ${problem}`);
  }
  for (const order of orders.values()) {
    if (seen.has(order.id) || !settled(options, order.idleMs)) continue;
    if (order.status !== 'PENDING' && order.status !== 'CANCELLED') {
      violations.push(`order ${order.id}: ${order.status} but payments has no payment for it`);
    }
  }
  return resultOf(PAYMENTS, `${money.length} payments for ${orders.size} orders`, violations);
}

function problemsOf(m: Money, order: OrderView | undefined, options: InvariantOptions): string[] {
  const problems: string[] = [];
  if (m.authorizations > 1) problems.push(`authorised ${m.authorizations} times (distinct authorisation ids)`);
  if (m.captures > 1) problems.push(`captured ${m.captures} times`);
  if (m.refunds > 1) problems.push(`refunded ${m.refunds} times`);
  if (!settled(options, m.ageMs, order?.idleMs)) return problems;
  if (!order) {
    if (m.status !== 'VOIDED' && m.status !== 'DECLINED')
      problems.push(`payment ${m.status} for an order that does not exist`);
    return problems;
  }
  const allowed = allowedStatuses(order);
  if (allowed && !allowed.includes(m.status ?? 'none')) {
    problems.push(`${order.status} but its payment is ${m.status ?? 'absent'}, expected ${allowed.join(' or ')}`);
  }
  if (m.amountMinor !== null && m.amountMinor !== order.totalMinor) {
    problems.push(`payment of ${m.amountMinor} for an order total of ${order.totalMinor}`);
  }
  return problems;
}

function allowedStatuses(order: OrderView): string[] | undefined {
  switch (order.status) {
    case 'CANCELLED':
      return ['VOIDED', 'REFUNDED', 'DECLINED', 'none'];
    case 'CONFIRMED':
      return ['AUTHORIZED', 'CAPTURED'];
    case 'SHIPPED':
    case 'DELIVERED':
      return ['CAPTURED'];
    default:
      return undefined; // PENDING: anything may be under way
  }
}

function toMoney(row: Record<string, unknown>): Money {
  return {
    orderId: String(row.order_id).toLowerCase(),
    status: row.status === null ? null : String(row.status),
    amountMinor: row.amount_minor === null ? null : num(row.amount_minor),
    ageMs: row.age_ms === null ? undefined : num(row.age_ms),
    authorizations: num(row.authorizations),
    captures: num(row.captures),
    refunds: num(row.refunds),
  };
}

export const paymentsInvariant: Invariant = { name: PAYMENTS, check: checkPayments };
