import { randomUUID } from 'node:crypto';
import { eventually } from '@platform/testing';
import { nthOrder, type Catalogue } from '../../faults/support/order-traffic';
import type { PlatformUnderTest } from './platform-under-test';

/**
 * Orders placed at a steady rate while the deployment changes under them, as a careful client
 * places them: each with its own Idempotency-Key, sent again with that key while no process
 * serves /orders or the answer is lost, so each order is placed once however often it is sent.
 */
export class SteadyOrders {
  readonly accepted: string[] = [];
  readonly failed: string[] = [];
  readonly done: Promise<void>;

  constructor(
    private readonly p: PlatformUnderTest,
    catalogue: Catalogue,
    options: { orders: number; perSecond: number },
  ) {
    const run = randomUUID().slice(0, 8);
    this.done = Promise.all(
      Array.from({ length: options.orders }, async (_, i) => {
        await pause((i * 1000) / options.perSecond); // pacing the traffic, not waiting for an outcome
        await this.place(nthOrder(i, catalogue), `steady-${run}-${i}`);
      }),
    ).then(() => undefined);
  }

  async acceptedAtLeast(count: number): Promise<void> {
    await eventually(
      () => this.accepted.length,
      (n) => n >= count,
      { expected: `${count} orders accepted`, timeoutMs: 60_000, intervalMs: 20 },
    );
  }

  private async place(body: ReturnType<typeof nthOrder>, key: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const { data, response } = await this.p.api.POST('/orders', {
          body,
          params: { header: { 'Idempotency-Key': key } } as never,
        });
        const orderId = (data as { orderId?: string } | undefined)?.orderId;
        if (response.status === 202 && orderId) {
          this.accepted.push(orderId);
          return;
        }
        last = String(response.status);
        if (response.status < 500) break; // a refusal: the same request again changes nothing
      } catch (error) {
        last = error instanceof Error ? error.message : String(error); // no process serves /orders now
      }
      await pause(100 + Math.random() * 200);
    }
    this.failed.push(`${key}: ${last}`);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
