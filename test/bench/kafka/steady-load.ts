import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OrderClient } from '../orders/order-traffic';

/** The steady load of phases C and D: orders placed open loop at a fixed rate while a context is disturbed. */
export interface SteadyLoad {
  /** the ids of the orders placed so far */
  readonly placed: string[];
  /** refusals and failures by kind */
  readonly failures: Map<string, number>;
  stop(): Promise<void>;
}

/** open loop at `rate` orders/s until stopped; the ids of the orders placed */
export function steadyLoad(client: OrderClient, rate: number): SteadyLoad {
  const placed: string[] = [];
  const failures = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    const started = performance.now();
    const inFlight: Array<Promise<void>> = [];
    for (let k = 0; running; k += 1) {
      const wait = started + (k / rate) * 1000 - performance.now();
      if (wait > 1) await sleep(wait);
      if (!running) break;
      inFlight.push(
        client.place().then((answer) => {
          if ('orderId' in answer) placed.push(answer.orderId);
          else failures.set(answer.failed, (failures.get(answer.failed) ?? 0) + 1);
        }),
      );
    }
    await Promise.all(inFlight);
  })();
  return {
    placed,
    failures,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
