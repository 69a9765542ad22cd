import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ANALYTICS } from '../context';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order-status';

export interface RevenueRow {
  readonly day: string;
  readonly currency: string;
  readonly totalMinor: number;
  readonly orders: number;
}

export interface Funnel {
  readonly placed: number;
  readonly confirmed: number;
  readonly dispatched: number;
  readonly delivered: number;
  readonly cancelled: number;
}

// what was sold: confirmed and not cancelled since
const SOLD = `confirmed_at IS NOT NULL AND cancelled_at IS NULL`;

/**
 * The aggregates, computed from order_facts at query time (bigint sums come back as strings and
 * are turned into numbers: minor units stay far below 2^53 for any real shop).
 */
@Injectable()
export class OrderFactsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async ordersByStatus(): Promise<Record<OrderStatus, number>> {
    const rows: Array<{ status: OrderStatus; n: string }> = await this.dataSource.query(
      `SELECT status, count(*) AS n FROM ${ANALYTICS}.order_facts GROUP BY status`,
    );
    const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /** per UTC day of confirmation and currency; `from` and `to` are days (YYYY-MM-DD), both included */
  async revenue(from?: string, to?: string): Promise<RevenueRow[]> {
    const rows: Array<{ day: string; currency: string; total_minor: string; orders: string }> =
      await this.dataSource.query(
        `SELECT to_char(confirmed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, currency,
                sum(total_minor) AS total_minor, count(*) AS orders
           FROM ${ANALYTICS}.order_facts
          WHERE ${SOLD}
            AND ($1::date IS NULL OR confirmed_at >= $1::date::timestamp AT TIME ZONE 'UTC')
            AND ($2::date IS NULL OR confirmed_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC')
          GROUP BY 1, 2 ORDER BY 1, 2`,
        [from ?? null, to ?? null],
      );
    return rows.map((r) => ({
      day: r.day,
      currency: r.currency,
      totalMinor: Number(r.total_minor),
      orders: Number(r.orders),
    }));
  }

  async topProducts(limit: number): Promise<Array<{ sku: string; units: number }>> {
    const rows: Array<{ sku: string; units: string }> = await this.dataSource.query(
      `SELECT line->>'sku' AS sku, sum((line->>'quantity')::bigint) AS units
         FROM ${ANALYTICS}.order_facts, jsonb_array_elements(lines) AS line
        WHERE ${SOLD}
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ sku: r.sku, units: Number(r.units) }));
  }

  /** how many orders reached each stage (an order counts in every stage it reached) */
  async funnel(): Promise<Funnel> {
    const [row]: Array<Record<keyof Funnel, string>> = await this.dataSource.query(
      `SELECT count(placed_at) AS placed, count(confirmed_at) AS confirmed, count(dispatched_at) AS dispatched,
              count(delivered_at) AS delivered, count(cancelled_at) AS cancelled
         FROM ${ANALYTICS}.order_facts`,
    );
    return {
      placed: Number(row.placed),
      confirmed: Number(row.confirmed),
      dispatched: Number(row.dispatched),
      delivered: Number(row.delivered),
      cancelled: Number(row.cancelled),
    };
  }
}
