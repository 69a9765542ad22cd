import { randomUUID } from 'node:crypto';
import { eventually } from '@platform/testing';
import { orderBody } from '../../e2e/support/order-flow';
import type { Deployment } from './deployment';

export interface Catalogue {
  /** plenty of stock: these lines never run short */
  readonly plenty: string;
  /** little stock: some orders are cancelled for it, and their stock released */
  readonly scarce: string;
}

/** two products of the scenario's own, known to orders' price list before any order is placed */
export async function createCatalogue(d: Deployment): Promise<Catalogue> {
  const create = async (stock: number, priceMinor: number): Promise<string> => {
    const sku = `SKU-FAULT-${randomUUID().slice(0, 8).toUpperCase()}`;
    const body = { sku, name: `Fault drill ${sku}`, priceMinor, currency: 'EUR', initialStock: stock };
    await d.admin('inventory', 'POST', '/admin/products', body);
    return sku;
  };
  const catalogue = { plenty: await create(100_000, 1999), scarce: await create(40, 4999) };
  await eventually(
    async () => (await d.db.query('SELECT count(*)::int AS n FROM orders.price_list')).rows[0].n as number,
    (n) => n === 2,
    { expected: 'both products in the orders price list', timeoutMs: 30_000, intervalMs: 100 },
  );
  return catalogue;
}

const CUSTOMERS = Array.from({ length: 8 }, () => randomUUID());

/**
 * The i-th order of a run: a third want the scarce product, one in seven has two lines, one in
 * five is paid with a card that is declined. `token` lets a scenario choose other cards.
 */
export function nthOrder(i: number, catalogue: Catalogue, token?: (i: number) => string | undefined) {
  const { plenty, scarce } = catalogue;
  const lines = i % 3 === 0 ? [{ sku: scarce, quantity: 1 + (i % 2) }] : [{ sku: plenty, quantity: 1 + (i % 3) }];
  if (i % 7 === 0) lines.push({ sku: i % 3 === 0 ? plenty : scarce, quantity: 1 });
  return orderBody({
    customerId: CUSTOMERS[i % CUSTOMERS.length],
    lines,
    paymentToken: token?.(i) ?? (i % 5 === 0 ? 'tok_decline' : 'tok_visa'),
  });
}

export interface TrafficOptions {
  readonly orders: number;
  /** orders started per second (spread out, so a fault lands mid-flow) */
  readonly perSecond: number;
  readonly token?: (i: number) => string | undefined;
  /** how long one order may keep being retried (its process down, overloaded) */
  readonly retryForMs?: number;
}

export interface TrafficResult {
  /** order ids answered 202 */
  readonly accepted: string[];
  /** orders that never got a 202, by last answer */
  readonly failed: Record<string, number>;
  /** attempts that were retried, by answer (connection refused while a process is down, 503, ...) */
  readonly retried: Record<string, number>;
}

/**
 * Drives `orders` orders at `perSecond`, as a careful client would: each with its own
 * Idempotency-Key, retried with that same key when the answer is lost, a 5xx or a 503, so an
 * order is placed once however often it is sent. `accepted` grows while it runs, for faults
 * that wait for a given point of the flow.
 */
export class OrderTraffic {
  readonly accepted: string[] = [];
  /** the id of the i-th order, once accepted */
  readonly idOf = new Map<number, string>();
  private readonly failed: Record<string, number> = {};
  private readonly retried: Record<string, number> = {};
  readonly done: Promise<TrafficResult>;

  constructor(
    private readonly d: Deployment,
    private readonly catalogue: Catalogue,
    private readonly options: TrafficOptions,
  ) {
    const run = randomUUID().slice(0, 8);
    this.done = Promise.all(
      Array.from({ length: options.orders }, async (_, i) => {
        await pause((i * 1000) / options.perSecond);
        await this.place(i, `fault-${run}-${i}`);
      }),
    ).then(() => ({ accepted: this.accepted, failed: this.failed, retried: this.retried }));
  }

  /** resolves once at least `count` orders were accepted */
  async acceptedAtLeast(count: number): Promise<void> {
    await eventually(
      () => this.accepted.length,
      (n) => n >= count,
      { expected: `${count} orders accepted`, timeoutMs: 60_000, intervalMs: 20 },
    );
  }

  private async place(i: number, idempotencyKey: string): Promise<void> {
    const body = JSON.stringify(nthOrder(i, this.catalogue, this.options.token));
    const deadline = Date.now() + (this.options.retryForMs ?? 60_000);
    let last = '';
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.d.hosting('orders').baseUrl}/orders`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
          body,
        });
        const answer = (await response.json()) as { orderId?: string; code?: string };
        if (response.status === 202 && answer.orderId) {
          this.accepted.push(answer.orderId);
          this.idOf.set(i, answer.orderId);
          return;
        }
        last = `${response.status} ${answer.code ?? ''}`.trim();
        if (response.status < 500) break; // a refusal: retrying the same request changes nothing
      } catch (error) {
        last = error instanceof Error ? error.message : String(error); // down, or the answer was lost
      }
      this.retried[last] = (this.retried[last] ?? 0) + 1;
      await pause(100 + Math.random() * 200);
    }
    this.failed[last] = (this.failed[last] ?? 0) + 1;
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
