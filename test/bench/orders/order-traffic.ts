import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { orderBody } from '../../e2e/support/order-flow';

/**
 * The customers: Node's fetch (undici, keep-alive connections to loopback) placing orders for
 * random customers, paying with tok_visa, one unit of one of the run's own products each. Every send is
 * bounded in time and count; a refused or failed request is counted, never retried. At full speed
 * a client refused with 503 (admission control, ORDERS_MAX_PENDING) waits its Retry-After before
 * the next order, as a well-behaved client would.
 */
export interface Placed {
  readonly orderId: string;
  /** performance.now() when the request was sent */
  readonly sentAt: number;
  readonly ms: number;
}

export interface TrafficResult {
  readonly placed: Placed[];
  /** non-202 answers and network errors, by status ("error" for the latter) */
  readonly failures: Map<string, number>;
  readonly ms: number;
  /** open loop only: the latest a request left after its scheduled time (ms) */
  readonly maxSendLagMs: number;
  /** open loop only: requests the schedule called for */
  readonly due: number;
}

export class OrderClient {
  constructor(
    private readonly baseUrl: string,
    private readonly skus: readonly string[],
  ) {}

  /** one POST /orders; the order id, or the status it was refused with */
  async place(): Promise<{ orderId: string } | { failed: string; retryAfterMs?: number }> {
    const sku = this.skus[Math.floor(Math.random() * this.skus.length)];
    const body = orderBody({ customerId: randomUUID(), lines: [{ sku, quantity: 1 }] });
    try {
      const response = await fetch(`${this.baseUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status !== 202) {
        const retryAfter = Number(response.headers.get('retry-after'));
        return { failed: String(response.status), retryAfterMs: retryAfter > 0 ? retryAfter * 1000 : undefined };
      }
      return { orderId: (JSON.parse(text) as { orderId: string }).orderId };
    } catch {
      return { failed: 'error' };
    }
  }
}

/** Phase A: `rate` orders/s on a fixed schedule for `seconds`, whatever the answers' latency. */
export async function placeAtRate(
  client: OrderClient,
  rate: number,
  seconds: number,
  onPlaced?: (placed: Placed) => void,
): Promise<TrafficResult> {
  const result = emptyResult(onPlaced);
  const started = performance.now();
  const total = rate * seconds;
  const inFlight: Array<Promise<unknown>> = [];
  let maxSendLagMs = 0;
  for (let k = 0; k < total; k += 1) {
    const due = started + (k / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    inFlight.push(placeOne(client, result));
  }
  await Promise.all(inFlight);
  return {
    placed: result.placed,
    failures: result.failures,
    ms: performance.now() - started,
    maxSendLagMs,
    due: total,
  };
}

/** Phase B: `clients` loops placing back to back until `seconds` pass or `maxOrders` were sent. */
export async function placeFlatOut(
  client: OrderClient,
  clients: number,
  seconds: number,
  maxOrders: number,
  onPlaced?: (placed: Placed) => void,
): Promise<TrafficResult> {
  const result = emptyResult(onPlaced);
  const started = performance.now();
  const end = started + seconds * 1000;
  let sent = 0;
  const loop = async (): Promise<void> => {
    while (performance.now() < end && sent < maxOrders) {
      sent += 1;
      const retryAfterMs = await placeOne(client, result);
      if (retryAfterMs !== undefined) await sleep(Math.min(retryAfterMs, end - performance.now()));
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  return {
    placed: result.placed,
    failures: result.failures,
    ms: performance.now() - started,
    maxSendLagMs: 0,
    due: sent,
  };
}

interface Recording {
  readonly placed: Placed[];
  readonly failures: Map<string, number>;
  readonly onPlaced?: (placed: Placed) => void;
}

/** records the outcome; a refusal's Retry-After (ms) when it had one */
async function placeOne(client: OrderClient, into: Recording): Promise<number | undefined> {
  const sentAt = performance.now();
  const outcome = await client.place();
  const ms = performance.now() - sentAt;
  if ('orderId' in outcome) {
    const placed = { orderId: outcome.orderId, sentAt, ms };
    into.placed.push(placed);
    into.onPlaced?.(placed);
  } else {
    into.failures.set(outcome.failed, (into.failures.get(outcome.failed) ?? 0) + 1);
    return outcome.retryAfterMs;
  }
  return undefined;
}

function emptyResult(onPlaced?: (placed: Placed) => void): Recording {
  return { placed: [], failures: new Map(), onPlaced };
}
