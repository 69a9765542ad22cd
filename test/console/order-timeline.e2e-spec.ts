import { randomUUID } from 'node:crypto';
import { eventually } from '@platform/testing';
import { createProduct, placeOrder, waitForStatus } from '../e2e/support/order-flow';
import type { RunningPlatform } from '../e2e/support/running-platform';
import { startConsolePlatform } from './support/console-platform';

interface Timeline {
  orderId: string;
  events: Array<{
    eventId: string;
    type: string;
    producer: string;
    producedAt: string;
    publishedAt: string | null;
    handledBy: Array<{ group: string; handledAt: string; hopMs: number }>;
  }>;
  handled: Array<{ eventId: string; group: string }>;
  traceId: string | null;
  unreachablePeers: unknown[];
}

const EVERY_CONTEXT = ['analytics', 'inventory', 'loyalty', 'notifications', 'orders', 'payments', 'shipping'];

/**
 * The console's timeline of one order: every event the flow produced for it, read from each
 * context's outbox, with each consumer group's inbox time, in one process. The shipping clock runs
 * (FAST_FLOW), so the order goes all the way to DELIVERED without help.
 */
describe('GET /admin/console/orders/:orderId/timeline', () => {
  let p: RunningPlatform;
  let orderId: string;

  beforeAll(async () => {
    p = await startConsolePlatform();
    const sku = await createProduct(p, 5);
    orderId = await placeOrder(p, { lines: [{ sku, quantity: 1 }] });
    await waitForStatus(p, orderId, 'DELIVERED');
  });

  afterAll(async () => {
    await p?.stop();
  });

  const timeline = async (id: string, query: Record<string, string> = {}) => {
    const { data, error, response } = await p.admin.GET('/admin/console/orders/{orderId}/timeline', {
      params: { path: { orderId: id }, query },
    });
    return { status: response.status, timeline: data as Timeline | undefined, problem: error as { code?: string } };
  };

  it('shows every event of a delivered order, who produced it, every group that handled it and each hop time', async () => {
    const seen = await eventually(
      async () => (await timeline(orderId)).timeline,
      (t) => {
        const groups = new Set(t?.events.flatMap((e) => e.handledBy.map((h) => h.group)));
        return (
          EVERY_CONTEXT.every((g) => groups.has(g)) && t!.events.some((e) => e.type.endsWith('shipment-delivered'))
        );
      },
      { expected: `a timeline of ${orderId} handled by ${EVERY_CONTEXT.join(', ')} up to shipment-delivered` },
    );
    const events = seen!.events;
    expect(events[0].type).toBe('orders.order-placed');
    expect(events[0].producer).toBe('orders');
    expect(new Set(events.map((e) => e.producer))).toEqual(new Set(['orders', 'inventory', 'payments', 'shipping']));
    const producedAt = events.map((e) => Date.parse(e.producedAt));
    expect(producedAt).toEqual([...producedAt].sort((a, b) => a - b));
    for (const event of events) {
      expect(event.publishedAt).not.toBeNull();
      for (const hop of event.handledBy) {
        expect(hop.hopMs).toBeGreaterThanOrEqual(0);
        expect(hop.hopMs).toBe(Date.parse(hop.handledAt) - Date.parse(event.producedAt));
      }
    }
    const placed = events[0].handledBy.map((h) => h.group).sort();
    expect(placed).toEqual(expect.arrayContaining(['analytics', 'notifications']));
    expect(seen!.unreachablePeers).toEqual([]);
  });

  it("answers a peer's question with this process's part and its handling of the events named", async () => {
    const full = (await timeline(orderId)).timeline!;
    const local = (await timeline(orderId, { scope: 'local', eventIds: full.events[0].eventId })).timeline!;
    expect(local.events.map((e) => e.eventId)).toEqual(full.events.map((e) => e.eventId));
    // an event produced here is reported with its events, not again in `handled`
    expect(local.handled).toEqual([]);
  });

  it('answers 404 for an order it keeps no event of, and 400 naming a malformed id', async () => {
    const unknown = await timeline(randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.problem.code).toBe('CONSOLE.ORDER_NOT_FOUND');
    const malformed = await timeline('42');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.problem)).toContain('orderId must be a UUID');
    const badIds = await timeline(orderId, { scope: 'local', eventIds: 'x' });
    expect(badIds.status).toBe(400);
  });

  it('is for operators only', async () => {
    const response = await fetch(`${p.baseUrl}/admin/console/orders/${orderId}/timeline`);
    expect(response.status).toBe(401);
  });
});
