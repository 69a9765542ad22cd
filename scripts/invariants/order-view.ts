import { ageMs, num, type InvariantOptions, type Query } from './invariant';

/**
 * What the orders context says about each order: the truth every other context is checked
 * against. `everConfirmed` comes from the timeline, because a cancelled order may have been
 * confirmed first (and then earned points and a confirmation e-mail).
 */
export interface OrderView {
  readonly id: string;
  readonly status: string;
  /** null when the order has no saga row */
  readonly sagaStatus: string | null;
  readonly shipment: string | null;
  readonly cancelReason: string | null;
  readonly customerId: string;
  readonly totalMinor: number;
  readonly everConfirmed: boolean;
  /** since the order was placed */
  readonly ageMs: number;
  /** since the order or its saga last changed */
  readonly idleMs: number;
}

export const TERMINAL = new Set(['CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED']);
export const CONFIRMED_AND_KEPT = new Set(['CONFIRMED', 'SHIPPED', 'DELIVERED']);

export async function loadOrders(orders: Query): Promise<Map<string, OrderView>> {
  const rows = await orders(`
    SELECT o.id::text, o.status, s.status AS saga_status, s.shipment, o.cancel_reason, o.customer_id::text,
           o.total_minor, ${ageMs('o.created_at')} AS age_ms,
           ${ageMs('GREATEST(o.updated_at, s.updated_at)')} AS idle_ms,
           EXISTS (SELECT 1 FROM orders.order_timeline t WHERE t.order_id = o.id AND t.kind = 'CONFIRMED')
             AS ever_confirmed
      FROM orders.orders o LEFT JOIN orders.sagas s ON s.order_id = o.id`);
  const views = new Map<string, OrderView>();
  for (const row of rows) {
    const id = String(row.id).toLowerCase();
    views.set(id, {
      id,
      status: String(row.status),
      sagaStatus: row.saga_status === null ? null : String(row.saga_status),
      shipment: row.shipment === null ? null : String(row.shipment),
      cancelReason: row.cancel_reason === null ? null : String(row.cancel_reason),
      customerId: String(row.customer_id),
      totalMinor: num(row.total_minor),
      everConfirmed: row.ever_confirmed === true,
      ageMs: num(row.age_ms),
      idleMs: num(row.idle_ms),
    });
  }
  return views;
}

/**
 * True when nothing about this order changed within the settle window, on either side of a
 * comparison: then its side effects must have caught up. With settleMs 0, always true.
 */
export function settled(options: InvariantOptions, ...agesMs: ReadonlyArray<number | undefined>): boolean {
  if (options.settleMs <= 0) return true;
  return agesMs.every((age) => age === undefined || age >= options.settleMs);
}
