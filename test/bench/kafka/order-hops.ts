import { summarise, type Summary } from '../percentiles';
import type { PlatformDb } from '../orders/platform-db';

/**
 * Where an order's wait goes, from its timeline: the saga asks inventory and payments at once
 * when the order is placed, and confirms when the second answer arrives. Each answer is a round
 * trip of two hops (orders' outbox -> transport -> the other context's handler and outbox ->
 * transport -> orders' handler), so on Kafka each includes two fetch waits.
 */
export interface OrderHops {
  /** PLACED -> STOCK_RESERVED: orders -> inventory -> orders */
  readonly stock?: Summary;
  /** PLACED -> PAYMENT_AUTHORIZED: orders -> payments -> orders */
  readonly payment?: Summary;
  /** PLACED -> CONFIRMED: the later of the two */
  readonly confirmed?: Summary;
}

export async function orderHops(db: PlatformDb, ids: readonly string[]): Promise<OrderHops> {
  const rows = await db.query<{ stock: number | null; payment: number | null; confirmed: number | null }>(
    `SELECT extract(epoch FROM min(t.at) FILTER (WHERE t.kind = 'STOCK_RESERVED') - min(t.at) FILTER (WHERE t.kind = 'PLACED'))::float8 * 1000 AS stock,
            extract(epoch FROM min(t.at) FILTER (WHERE t.kind = 'PAYMENT_AUTHORIZED') - min(t.at) FILTER (WHERE t.kind = 'PLACED'))::float8 * 1000 AS payment,
            extract(epoch FROM min(t.at) FILTER (WHERE t.kind = 'CONFIRMED') - min(t.at) FILTER (WHERE t.kind = 'PLACED'))::float8 * 1000 AS confirmed
       FROM orders.order_timeline t
      WHERE t.order_id = ANY($1::uuid[])
      GROUP BY t.order_id`,
    [ids],
  );
  const of = (pick: (r: (typeof rows)[number]) => number | null): Summary | undefined =>
    summarise(rows.flatMap((r) => (pick(r) === null ? [] : [pick(r) as number])));
  return { stock: of((r) => r.stock), payment: of((r) => r.payment), confirmed: of((r) => r.confirmed) };
}
