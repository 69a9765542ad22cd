import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ORDERS } from '../../context';
import { OrdersSettings } from '../../orders.settings';

/** How long one count of PENDING orders answers for every request that asks (ms). */
const COUNT_TTL_MS = 200;

interface PendingCount {
  readonly at: number;
  readonly counted: Promise<number>;
  /** orders this process placed since the count was taken */
  placedSince: number;
}

/**
 * Admission control for POST /orders: while ORDERS_MAX_PENDING orders are PENDING, new ones are
 * refused. The count is read from the saga table's PENDING index at most every COUNT_TTL_MS and
 * shared by every request in that window; orders placed meanwhile are added to it, so one process
 * placing orders one after another stops exactly at the limit. It is a soft limit all the same:
 * requests in flight together, and other instances, can each take the last place.
 */
@Injectable()
export class OrderAdmission {
  private pending?: PendingCount;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OrdersSettings,
  ) {}

  /** the number of PENDING orders when the platform is full; undefined when it takes more */
  async overloadedAt(): Promise<number | undefined> {
    if (this.settings.maxPending === 0) return undefined;
    const pending = this.current();
    const count = (await pending.counted) + pending.placedSince;
    return count >= this.settings.maxPending ? count : undefined;
  }

  /** an order was placed PENDING by this process */
  placed(): void {
    if (this.pending) this.pending.placedSince += 1;
  }

  private current(): PendingCount {
    const now = Date.now();
    if (!this.pending || now - this.pending.at >= COUNT_TTL_MS) {
      const counted = this.dataSource
        .query(`SELECT count(*) AS n FROM ${ORDERS}.sagas WHERE status = 'PENDING'`)
        .then((rows: Array<{ n: string }>) => Number(rows[0].n));
      const pending: PendingCount = { at: now, counted, placedSince: 0 };
      // a failed count is not kept: the next request asks again
      counted.catch(() => {
        if (this.pending === pending) this.pending = undefined;
      });
      this.pending = pending;
    }
    return this.pending;
  }
}
