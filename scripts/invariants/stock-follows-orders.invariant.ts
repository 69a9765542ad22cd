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

export const STOCK_FOLLOWS_ORDERS = 'stock-follows-orders';

/**
 * Each order's reservation agrees with its state once both have settled: a cancelled order
 * holds no stock (released, refused, or committed only if it had already shipped), a confirmed
 * one holds it, a shipped or delivered one has committed it. A reservation for an order that
 * does not exist is a leak too.
 */
export async function checkStockFollowsOrders(
  sources: Pick<Sources, 'orders' | 'inventory'>,
  options: InvariantOptions,
): Promise<InvariantResult> {
  const orders = await loadOrders(sources.orders);
  const rows = await sources.inventory(
    `SELECT order_id, status, ${ageMs('updated_at')} AS age_ms FROM inventory.reservation ORDER BY order_id`,
  );
  const violations: string[] = [];
  const reservations = new Map<string, string>();
  for (const row of rows) {
    const orderId = String(row.order_id).toLowerCase();
    const status = String(row.status);
    reservations.set(orderId, status);
    const order = orders.get(orderId);
    if (!settled(options, num(row.age_ms), order?.idleMs)) continue;
    if (!order) {
      if (status === 'RESERVED') violations.push(`order ${orderId}: stock RESERVED for an order that does not exist`);
      continue;
    }
    const problem = problemOf(order, status);
    if (problem) violations.push(`order ${orderId}: ${problem}`);
  }
  for (const order of orders.values()) {
    if (reservations.has(order.id) || !settled(options, order.idleMs)) continue;
    // the reserve command is published with every order: inventory always answers it with a row
    if (order.status !== 'PENDING')
      violations.push(`order ${order.id}: ${order.status} but inventory has no reservation`);
  }
  return resultOf(STOCK_FOLLOWS_ORDERS, `${rows.length} reservations for ${orders.size} orders`, violations);
}

function problemOf(order: OrderView, reservation: string): string | undefined {
  const allowed = allowedReservations(order);
  return allowed.includes(reservation)
    ? undefined
    : `${order.status} (shipment ${order.shipment ?? '?'}) but its reservation is ${reservation}, expected ${allowed.join(' or ')}`;
}

function allowedReservations(order: OrderView): string[] {
  switch (order.status) {
    case 'PENDING':
      return ['RESERVED', 'REJECTED', 'RELEASED'];
    case 'CONFIRMED':
      return ['RESERVED', 'COMMITTED'];
    case 'SHIPPED':
    case 'DELIVERED':
      return ['COMMITTED'];
    case 'CANCELLED':
      // a parcel that left before the cancellation took effect took its stock with it
      return order.shipment === 'NONE' ? ['RELEASED', 'REJECTED'] : ['RELEASED', 'REJECTED', 'COMMITTED'];
    default:
      return [];
  }
}

export const stockFollowsOrdersInvariant: Invariant = { name: STOCK_FOLLOWS_ORDERS, check: checkStockFollowsOrders };
