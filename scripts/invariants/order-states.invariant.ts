import { resultOf, type Invariant, type InvariantOptions, type InvariantResult, type Sources } from './invariant';
import { loadOrders, TERMINAL, type OrderView } from './order-view';

export const ORDER_STATES = 'order-states';

/**
 * Every order is in exactly one state (the order row and its saga agree) and that state is
 * terminal, or PENDING and still young enough to be in progress (settleMs: the saga timeout
 * plus the sweeper's interval, or 0 for a quiescent system).
 */
export async function checkOrderStates(
  sources: Pick<Sources, 'orders'>,
  options: InvariantOptions,
): Promise<InvariantResult> {
  const orders = await loadOrders(sources.orders);
  const violations: string[] = [];
  const counts = new Map<string, number>();
  for (const order of orders.values()) {
    counts.set(order.status, (counts.get(order.status) ?? 0) + 1);
    const problem = problemOf(order, options);
    if (problem) violations.push(`order ${order.id}: ${problem}`);
  }
  const byStatus = [...counts].map(([status, n]) => `${status} ${n}`).join(', ');
  return resultOf(ORDER_STATES, `${orders.size} orders (${byStatus || 'none'})`, violations);
}

function problemOf(order: OrderView, options: InvariantOptions): string | undefined {
  if (order.sagaStatus === null) return `${order.status} with no saga`;
  if (order.sagaStatus !== order.status) return `order says ${order.status}, its saga says ${order.sagaStatus}`;
  if (order.status === 'PENDING') {
    return order.ageMs >= options.settleMs
      ? `PENDING for ${Math.round(order.ageMs)} ms (allowed in progress: ${options.settleMs} ms)`
      : undefined;
  }
  if (!TERMINAL.has(order.status)) return `unknown status ${order.status}`;
  if ((order.status === 'CANCELLED') !== (order.cancelReason !== null)) {
    return `${order.status} with cancel reason ${order.cancelReason ?? 'none'}`;
  }
  return undefined;
}

export const orderStatesInvariant: Invariant = { name: ORDER_STATES, check: checkOrderStates };
