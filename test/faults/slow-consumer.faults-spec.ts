import { eventually } from '@platform/testing';
import { ONE_PROCESS, Deployment } from './support/deployment';
import { faultTransports, ordersFor } from './support/fault-transport';
import { createCatalogue, OrderTraffic } from './support/order-traffic';
import { checkDeployment, expectIntact, reportScenario } from './support/scenario-report';
import { flowState, groupLag, lagByGroup, settle } from './support/settle';

/**
 * Scenario 5: a consumer made slow until its lag grows. The fake e-mail gateway is switched to
 * `slow` (each send takes NOTIFICATIONS_GATEWAY_SLOW_MS) from the first quarter of a 240-order
 * run until every order is placed and every other group has caught up while notifications is
 * far behind (checkouts never wait for it), then back to normal: the lag must drain and every
 * e-mail must go out exactly once.
 */
const ORDERS = 240;
const SLOW_MS = 200;
const LAG_TO_REACH = 100; // with ORDERS orders; scaled with the orders of the run

describe.each(faultTransports())('fault: a slow consumer falling behind, then catching up (%s)', (transport) => {
  const orders = ordersFor(transport, ORDERS);
  const lagToReach = Math.round((LAG_TO_REACH * orders) / ORDERS);
  let d: Deployment | undefined;

  afterAll(async () => d?.close());

  it('drains the lag and loses nothing', async () => {
    d = await Deployment.start(transport, ONE_PROCESS, { NOTIFICATIONS_GATEWAY_SLOW_MS: String(SLOW_MS) });
    if (!d) return;
    const catalogue = await createCatalogue(d);

    const traffic = new OrderTraffic(d, catalogue, { orders, perSecond: 40 });
    await traffic.acceptedAtLeast(orders / 4);
    await d.admin('notifications', 'PUT', '/admin/notifications/gateway-mode', { mode: 'slow' });
    const slowSince = Date.now();
    // slow until every order was placed and every other group caught up, while this one lags
    const result = await traffic.done;
    const lags = await eventually(
      () => lagByGroup(d!),
      (lag) =>
        (lag.notifications ?? 0) >= lagToReach &&
        Object.entries(lag).every(([group, n]) => group === 'notifications' || n === 0),
      {
        expected: `notifications ${lagToReach}+ records behind, every other group caught up`,
        timeoutMs: 90_000,
        intervalMs: 100,
      },
    );
    const ordersThen = (await flowState(d)).orders;
    await d.admin('notifications', 'PUT', '/admin/notifications/gateway-mode', { mode: 'normal' });
    const slowForMs = Date.now() - slowSince;

    const drainStart = Date.now();
    const settled = await settle(d);
    const drainedInMs = Date.now() - drainStart;
    const outcome = await checkDeployment(d, result.accepted);
    reportScenario({
      scenario: 'slow consumer',
      d,
      traffic: result,
      injected: `e-mail gateway "slow" (${SLOW_MS} ms a send) for ${slowForMs} ms, until the notifications group was ${lags.notifications} records behind while every other group had caught up (orders then: ${JSON.stringify(ordersThen)}), then "normal"`,
      settled,
      outcome,
      notes: [`back to normal, notifications caught up and everything settled in ${drainedInMs} ms`],
    });
    expectIntact(outcome); // includes notifications: exactly one e-mail per customer-visible event
    expect(result.accepted).toHaveLength(orders);
    expect(lags.notifications).toBeGreaterThanOrEqual(lagToReach);
    expect(await groupLag(d, 'notifications')).toBe(0);
  });
});
