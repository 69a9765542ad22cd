import { eventually } from '@platform/testing';
import { Deployment, type Topology } from './support/deployment';
import { faultTransports, ordersFor } from './support/fault-transport';
import { createCatalogue, OrderTraffic } from './support/order-traffic';
import { checkDeployment, expectIntact, reportScenario } from './support/scenario-report';
import { confirmedCount, groupLag, settle } from './support/settle';

/**
 * Scenario 6: analytics runs in a process of its own, which is stopped (SIGTERM, drained) for the
 * middle half of a 240-order run while checkouts go on. Checkouts must keep confirming, the
 * analytics group's lag must grow, and after the restart analytics must catch up from its
 * committed offsets until its read models match the orders table.
 */
const ORDERS = 240;
const THREE_PROCESSES: Topology = {
  checkout: ['orders', 'inventory', 'payments'],
  aftermath: ['shipping', 'notifications', 'loyalty'],
  analytics: ['analytics'],
};

describe.each(faultTransports())('fault: the analytics context stopped for a while (%s)', (transport) => {
  const orders = ordersFor(transport, ORDERS);
  let d: Deployment | undefined;

  afterAll(async () => d?.close());

  it('keeps confirming checkouts, and analytics catches up after', async () => {
    d = await Deployment.start(transport, THREE_PROCESSES);
    if (!d) return;
    const catalogue = await createCatalogue(d);

    const traffic = new OrderTraffic(d, catalogue, { orders, perSecond: 40 });
    await traffic.acceptedAtLeast(orders / 4);
    await d.stop('analytics');
    const stoppedAt = Date.now();
    const confirmedAtStop = await confirmedCount(d);
    await traffic.acceptedAtLeast((3 * orders) / 4);
    // checkouts go on without analytics: wait for a good number of them to confirm meanwhile
    const confirmedWhileStopped =
      (await eventually(
        () => confirmedCount(d!),
        (n) => n >= confirmedAtStop + orders / 8,
        { expected: `${orders / 8} more orders confirmed with analytics down`, timeoutMs: 60_000, intervalMs: 100 },
      )) - confirmedAtStop;
    const lagWhileStopped = await groupLag(d, 'analytics');
    await d.startProcess('analytics');
    const stoppedForMs = Date.now() - stoppedAt;
    const result = await traffic.done;

    const settled = await settle(d);
    const outcome = await checkDeployment(d, result.accepted);
    reportScenario({
      scenario: 'analytics stopped for a while',
      d,
      traffic: result,
      injected: `the analytics process stopped (SIGTERM) for ${stoppedForMs} ms mid-run, then started again`,
      settled,
      outcome,
      notes: [
        `while it was down: ${confirmedWhileStopped} orders confirmed, analytics lag grew to ${lagWhileStopped} records`,
      ],
    });
    expectIntact(outcome); // includes analytics: one order fact per order, with its status and total
    expect(result.accepted).toHaveLength(orders);
    expect(confirmedWhileStopped).toBeGreaterThan(0);
    expect(lagWhileStopped).toBeGreaterThan(0);
  });
});
