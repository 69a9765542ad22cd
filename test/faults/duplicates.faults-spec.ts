import type { WireRecord } from '@platform/events';
import { ONE_PROCESS, Deployment } from './support/deployment';
import { faultTransports, ordersFor } from './support/fault-transport';
import { consumedByOutcome } from './support/metrics';
import { createCatalogue, OrderTraffic } from './support/order-traffic';
import { recordInjector } from './support/record-injector';
import { checkDeployment, expectIntact, reportScenario } from './support/scenario-report';
import { groupsByTopic, settle } from './support/settle';

/**
 * Scenario 7: duplicate deliveries. Four times during a 240-order run, the 150 most recently
 * published records of every topic are appended again, byte for byte (same eventIds), as a
 * producer retry or a replayed partition would: commands, replies and side-effect events alike.
 * Every consumer must recognise them (inbox) and apply nothing twice: one reservation, one
 * charge, one credit, one e-mail of a kind per order.
 */
const ORDERS = 240;
const ROUNDS = 4;
const PER_ROUND = 150;

describe.each(faultTransports())('fault: duplicate deliveries (%s)', (transport) => {
  const orders = ordersFor(transport, ORDERS);
  let d: Deployment | undefined;

  afterAll(async () => d?.close());

  it('applies nothing twice', async () => {
    d = await Deployment.start(transport, ONE_PROCESS);
    if (!d) return;
    const injector = await recordInjector(d, transport);
    try {
      const catalogue = await createCatalogue(d);
      const traffic = new OrderTraffic(d, catalogue, { orders, perSecond: 40 });
      const duplicated: WireRecord[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        await traffic.acceptedAtLeast(Math.floor((round * orders) / (ROUNDS + 1)));
        const recent = (await injector.recent(PER_ROUND)).reverse(); // oldest first, as published
        await injector.append(recent);
        duplicated.push(...recent);
      }
      const result = await traffic.done;

      const settled = await settle(d);
      const consumed = consumedByOutcome(await d.metrics());
      const outcome = await checkDeployment(d, result.accepted);
      const topics = new Set(duplicated.map((r) => r.topic));
      const subscribed = new Set((await groupsByTopic(d)).keys());
      const consumedCopies = duplicated.filter((r) => subscribed.has(r.topic)).length;
      reportScenario({
        scenario: 'duplicate deliveries',
        d,
        traffic: result,
        injected: `${duplicated.length} published records appended again byte for byte (same eventIds), in ${ROUNDS} rounds, on ${topics.size} topics`,
        settled,
        outcome,
        notes: [
          `${consumedCopies} copies on topics some group consumes; events consumed by outcome, every group: ${JSON.stringify(consumed)}`,
        ],
      });
      expectIntact(outcome);
      expect(result.accepted).toHaveLength(orders);
      // every copy on a consumed topic reached its groups and was recognised as a duplicate
      expect(consumedCopies).toBeGreaterThan(0);
      expect(consumed.duplicate ?? 0).toBeGreaterThanOrEqual(consumedCopies);
      expect(consumed.dead_lettered ?? 0).toBe(0);
    } finally {
      await injector.close();
    }
  });
});
