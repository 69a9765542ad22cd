import { eventually } from '@platform/testing';
import { createProduct, placeOrder, waitForStatus } from '../e2e/support/order-flow';
import type { RunningPlatform } from '../e2e/support/running-platform';
import { startConsolePlatform } from './support/console-platform';

interface Timeline {
  events: Array<{
    eventId: string;
    type: string;
    producer: string;
    handledBy: Array<{ group: string; hopMs: number }>;
  }>;
  unreachablePeers: Array<{ peer: string; error: string }>;
}

/**
 * A console whose order lives in another deployable (CONSOLE_PEERS): two platforms, each on a
 * database of its own, the order placed in the second. The first shows the order's timeline from
 * its peer's part, as complete as the peer's own answer, and names the peer that does not answer.
 */
describe('an order timeline across CONSOLE_PEERS', () => {
  let peer: RunningPlatform;
  let viewer: RunningPlatform;
  const silent = 'http://127.0.0.1:9';

  beforeAll(async () => {
    peer = await startConsolePlatform();
    viewer = await startConsolePlatform({ CONSOLE_PEERS: `${peer.baseUrl}, ${silent}/` });
  });

  afterAll(async () => {
    // in reverse: each restores the process environment it found
    await viewer?.stop();
    await peer?.stop();
  });

  const timeline = async (p: RunningPlatform, orderId: string) => {
    const { data, response } = await p.admin.GET('/admin/console/orders/{orderId}/timeline', {
      params: { path: { orderId } },
    });
    return { status: response.status, timeline: data as Timeline };
  };

  it("shows the peer's events and their handling, and names the peer that did not answer", async () => {
    const sku = await createProduct(peer, 3);
    const orderId = await placeOrder(peer, { lines: [{ sku, quantity: 1 }] });
    await waitForStatus(peer, orderId, 'DELIVERED');

    // the last hops may still land between the two reads: read both until they agree
    const [here, there] = await eventually(
      () => Promise.all([timeline(viewer, orderId), timeline(peer, orderId)]),
      ([h, t]) => h.status === 200 && JSON.stringify(h.timeline.events) === JSON.stringify(t.timeline.events),
      { expected: `the viewer's timeline of ${orderId} to be its peer's` },
    );
    expect(here.timeline.events.some((e) => e.type === 'shipping.shipment-delivered')).toBe(true);
    expect(here.timeline.unreachablePeers).toEqual([{ peer: silent, error: expect.any(String) }]);
    expect(there.timeline.unreachablePeers).toEqual([]);
  });
});
