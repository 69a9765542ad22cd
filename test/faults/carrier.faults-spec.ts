import { eventually } from '@platform/testing';
import { deadLetterCounts, summarise } from './support/dead-letters';
import { ONE_PROCESS, Deployment } from './support/deployment';
import { faultTransports, ordersFor } from './support/fault-transport';
import { handlerFailures } from './support/metrics';
import { createCatalogue, OrderTraffic } from './support/order-traffic';
import { checkDeployment, expectIntact, reportScenario } from './support/scenario-report';
import { confirmedCount, settle } from './support/settle';

/**
 * Scenario 3: the carrier refuses every booking (carrier mode `down`) for the middle half of a
 * 240-order run, then recovers. Checkouts keep confirming meanwhile; each refused booking is
 * retried by the consumer pipeline and goes through once the carrier is back: every confirmed
 * order ships once, nothing is dead-lettered, and every invariant holds.
 */
const ORDERS = 240;

describe.each(faultTransports())('fault: the carrier failing, then recovering (%s)', (transport) => {
  const orders = ordersFor(transport, ORDERS);
  let d: Deployment | undefined;

  afterAll(async () => d?.close());

  it('ships every confirmed order once after the carrier recovers', async () => {
    // enough attempts (with backoff capped at 200 ms: minutes) to outlast the outage without an
    // operator, however slow a loaded machine makes it
    d = await Deployment.start(transport, ONE_PROCESS, { CONSUMER_MAX_ATTEMPTS: '2000' });
    if (!d) return;
    const catalogue = await createCatalogue(d);

    const traffic = new OrderTraffic(d, catalogue, { orders, perSecond: 40 });
    await traffic.acceptedAtLeast(orders / 4);
    await d.admin('shipping', 'PUT', '/admin/shipping/carrier-mode', { mode: 'down' });
    const downSince = Date.now();
    const confirmedAtDown = await confirmedCount(d);
    await traffic.acceptedAtLeast((3 * orders) / 4);
    // the outage lasts until it has done what is under test (checkouts carried on through it and
    // the carrier refused bookings), not a fixed time that a loaded machine may spend doing neither
    const deployment = d;
    const whileDown = await eventually(
      async () => ({
        confirmed: (await confirmedCount(deployment)) - confirmedAtDown,
        refused: Object.values(handlerFailures(await deployment.metrics(), 'shipping')).reduce((a, b) => a + b, 0),
      }),
      (seen) => seen.confirmed > 0 && seen.refused > 0,
      { timeoutMs: 90_000, expected: 'an order confirmed and a booking refused while the carrier is down' },
    );
    const confirmedWhileDown = whileDown.confirmed;
    await d.admin('shipping', 'PUT', '/admin/shipping/carrier-mode', { mode: 'normal' });
    const downForMs = Date.now() - downSince;
    const result = await traffic.done;

    const settled = await settle(d);
    const refusals = handlerFailures(await d.metrics(), 'shipping');
    const letters = await deadLetterCounts(d);
    const outcome = await checkDeployment(d, result.accepted);
    reportScenario({
      scenario: 'carrier failing, then recovering',
      d,
      traffic: result,
      injected: `carrier mode "down" for ${downForMs} ms mid-run, then "normal"`,
      settled,
      outcome,
      notes: [
        `orders confirmed while the carrier was down: ${confirmedWhileDown}`,
        `shipping handler failures (retried): ${JSON.stringify(refusals)}; dead letters: ${summarise(letters)}`,
      ],
    });
    expectIntact(outcome);
    expect(result.accepted).toHaveLength(orders);
    expect(confirmedWhileDown).toBeGreaterThan(0); // a dead carrier never blocks a checkout
    expect(Object.values(refusals).reduce((a, b) => a + b, 0)).toBeGreaterThan(0); // the carrier did refuse
    expect(letters).toEqual([]); // and the retries outlasted it
  });
});
