import { eventually } from '@platform/testing';
import { ADMIN_TOKEN, type RunningPlatform } from '../e2e/support/running-platform';
import { createProduct, placeOrder, waitForStatus } from '../e2e/support/order-flow';
import { startConsolePlatform } from './support/console-platform';
import { startFakePeer } from './support/fake-peer';
import type { components } from '../e2e/api/schema';

type Flow = components['schemas']['FlowResponse'];

/** a port nothing listens on: the console's peer that never answers */
const DEAD_PEER = 'http://127.0.0.1:9';

/** a peer's part: a second payments consumer on another deployable, lagging on a partition */
const PEER_PART: Flow = {
  at: '2026-12-07T10:00:00.000Z',
  sources: [{ source: 'this process', service: 'payments-replica', error: null }],
  contexts: [
    {
      context: 'payments',
      outbox: null,
      groups: [
        {
          group: 'payments',
          services: ['payments-replica'],
          lag: 7,
          partitions: [{ topic: 'payments.peer-only.v1', partition: 0, lag: 7 }],
          consumedTotal: 1000,
          consumedPerMinute: 60,
          failuresTotal: 0,
          failuresPerMinute: 0,
          deadLettersPending: 0,
          waitingOn: ['database'],
        },
      ],
    },
  ],
  sagas: [],
  shadows: [],
};

/**
 * GET /admin/console/flow over the single binary: every context with its outbox and consumer
 * group, lag per partition that grows while a handler fails and drains when it recovers, rates,
 * failures, the saga's waiting steps with the order that waits longest, a peer's part merged in
 * and a peer that does not answer shown as such.
 */
describe('the console’s Flow view over HTTP', () => {
  let platform: RunningPlatform;
  let peer: Awaited<ReturnType<typeof startFakePeer>>;

  beforeAll(async () => {
    peer = await startFakePeer(PEER_PART);
    platform = await startConsolePlatform({
      SHIPPING_AUTO_ADVANCE: 'false',
      CONSOLE_PEERS: `${peer.url}/, ${DEAD_PEER}`,
    });
  });

  afterAll(async () => {
    await platform?.stop();
    await peer?.stop();
  });

  const flow = async (query = ''): Promise<Flow> => {
    const response = await fetch(`${platform.baseUrl}/admin/console/flow${query}`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    if (response.status !== 200) throw new Error(`flow: ${response.status} ${await response.text()}`);
    return (await response.json()) as Flow;
  };
  const groupOf = (view: Flow, context: string) =>
    view.contexts.find((c) => c.context === context)?.groups.find((g) => g.group === context);
  const setAnalyticsMode = async (mode: 'failing' | 'normal') => {
    const { response } = await platform.admin.PUT('/admin/analytics/mode', { body: { mode } });
    expect(response.status).toBe(200);
  };

  it('shows every context’s outbox and group, and the order waiting longest at its step', async () => {
    const sku = await createProduct(platform, 5);
    const orderId = await placeOrder(platform, { lines: [{ sku, quantity: 1 }] });
    await waitForStatus(platform, orderId, 'CONFIRMED');

    const view = await eventually(
      () => flow(),
      // the relay counts what it published, and the group commits its offsets, a moment after the handlers ran
      (v) =>
        (groupOf(v, 'payments')?.consumedTotal ?? 0) > 0 &&
        (groupOf(v, 'payments')?.partitions.length ?? 0) > 0 &&
        (v.contexts.find((c) => c.context === 'orders')?.outbox?.publishedTotal ?? 0) > 0,
      { expected: 'the payments group to have consumed and committed, and orders to have published' },
    );
    expect(view.sources).toEqual([
      { source: 'this process', service: 'monolith', error: null },
      { source: peer.url, service: 'payments-replica', error: null },
      { source: DEAD_PEER, service: null, error: expect.stringMatching(/.+/) },
    ]);
    // the peer was asked for its own part only, with the admin token
    expect(peer.requests.at(-1)?.url).toBe('/admin/console/flow?scope=local');
    expect(peer.requests.at(-1)?.headers.authorization).toBe(`Bearer ${ADMIN_TOKEN}`);
    expect(view.contexts.map((c) => c.context)).toEqual(
      expect.arrayContaining(['analytics', 'inventory', 'loyalty', 'notifications', 'orders', 'payments', 'shipping']),
    );
    const orders = view.contexts.find((c) => c.context === 'orders')!;
    expect(orders.outbox).toEqual(expect.objectContaining({ backlog: expect.any(Number) }));
    expect(orders.outbox!.publishedTotal).toBeGreaterThan(0);
    const payments = groupOf(view, 'payments')!;
    expect(payments.partitions.length).toBeGreaterThan(0);
    expect(payments.partitions[0]).toEqual({
      topic: expect.any(String),
      partition: expect.any(Number),
      lag: expect.any(Number),
    });
    expect(view.sagas.find((s) => s.state === 'awaiting_dispatch')).toEqual(
      expect.objectContaining({ saga: 'order', count: 1, oldestId: orderId }),
    );

    // the peer's replica of the payments group merged into this process's: services, partitions, counts
    expect(payments.services).toEqual(['monolith', 'payments-replica']);
    expect(payments.partitions).toContainEqual({ topic: 'payments.peer-only.v1', partition: 0, lag: 7 });
    expect(payments.consumedTotal).toBeGreaterThan(1000);
    expect(payments.waitingOn).toEqual(['database']);

    const local = await flow('?scope=local');
    expect(local.sources).toEqual([{ source: 'this process', service: 'monolith', error: null }]);
    expect(groupOf(local, 'payments')!.services).toEqual(['monolith']);
  });

  it('shows lag and failures growing while a group’s handler fails, and the lag drained after', async () => {
    await setAnalyticsMode('failing');
    try {
      const sku = await createProduct(platform, 5);
      await placeOrder(platform, { lines: [{ sku, quantity: 1 }] });
      const failing = await eventually(
        () => flow(),
        (v) => (groupOf(v, 'analytics')?.lag ?? 0) > 0 && (groupOf(v, 'analytics')?.failuresPerMinute ?? 0) > 0,
        { expected: 'the analytics group to lag and fail' },
      );
      const analytics = groupOf(failing, 'analytics')!;
      expect(analytics.partitions.some((p) => p.lag > 0)).toBe(true);
      expect(analytics.failuresTotal).toBeGreaterThan(0);
    } finally {
      await setAnalyticsMode('normal');
    }
    await eventually(
      () => flow(),
      (v) => groupOf(v, 'analytics')?.lag === 0,
      { expected: 'the analytics group to catch up' },
    );
  });

  it('refuses an unknown scope in words', async () => {
    const response = await fetch(`${platform.baseUrl}/admin/console/flow?scope=everything`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('scope');
  });
});
