import { TWO_PROCESSES, Deployment } from './support/deployment';
import { faultTransports, ordersFor } from './support/fault-transport';
import { createCatalogue, OrderTraffic } from './support/order-traffic';
import { seededRandom } from './support/random';
import { checkDeployment, expectIntact, reportScenario } from './support/scenario-report';
import { settle } from './support/settle';

/**
 * Scenario 1: checkout (orders, inventory, payments) and aftermath (shipping, notifications,
 * loyalty, analytics) run as two processes on one database. One of them, picked at random, is
 * SIGKILLed at a random point of a 240-order run, then restarted. Whatever the kill cut in half
 * (a placement, a saga step, a relay batch, a handler between the gateway call and its commit)
 * must be finished after the restart, once, and every invariant must hold.
 */
const ORDERS = 240;

describe.each(faultTransports())('fault: SIGKILL of a context process (%s)', (transport) => {
  const orders = ordersFor(transport, ORDERS);
  let d: Deployment | undefined;

  afterAll(async () => d?.close());

  it('finishes every accepted order once after the restart', async () => {
    d = await Deployment.start(transport, TWO_PROCESSES);
    if (!d) return;
    const random = seededRandom();
    const victim = d.processNames()[Math.floor(random.next() * 2)];
    const killAt = Math.floor(orders * (0.2 + random.next() * 0.5));
    const catalogue = await createCatalogue(d);

    const traffic = new OrderTraffic(d, catalogue, { orders, perSecond: 40 });
    await traffic.acceptedAtLeast(killAt);
    const before = await d.db.query("SELECT count(*)::int AS n FROM orders.orders WHERE status <> 'PENDING'");
    await d.kill(victim);
    const restarting = Date.now();
    await d.startProcess(victim);
    const downMs = Date.now() - restarting;
    const result = await traffic.done;

    const settled = await settle(d);
    const outcome = await checkDeployment(d, result.accepted);
    reportScenario({
      scenario: 'SIGKILL of a context process',
      d,
      traffic: result,
      injected: `SIGKILL of "${victim}" after ${killAt} orders accepted (${before.rows[0].n} past PENDING), restarted ready ${downMs} ms later (seed ${random.seed}, FAULTS_SEED to replay)`,
      settled,
      outcome,
    });
    expectIntact(outcome);
    expect(result.accepted).toHaveLength(orders);
  });
});
