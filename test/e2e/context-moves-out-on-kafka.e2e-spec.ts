import { describeOnKafka, kafkaTestEnv } from '@platform/testing';
import { CONTEXTS } from '../../scripts/invariants/check-invariants';
import { consumedByOutcome } from '../faults/support/metrics';
import { everyOrderSettled, invariantsHold, urlsOf } from './support/context-databases';
import { createProduct } from './support/order-flow';
import { MONOLITH, ProcessPlatform } from './support/process-platform';
import { SteadyOrders } from './support/steady-orders';

const SUITE = 'a context moving out of the monolith on Kafka';
const MOVED = 'payments'; // also its consumer group's name, as the metrics label it

/**
 * Stage 4 of docs/deploy.md, the strangler-fig, with orders flowing all along: the monolith runs
 * every context on Kafka; payments starts as its own process (both share the group `payments`
 * for a moment); the monolith restarts without payments. The new process carries on from the
 * offsets the monolith committed, and the inbox absorbs what the switch redelivers, so at the
 * end every order is finished and the invariant checker finds nothing lost or applied twice.
 */
describeOnKafka(SUITE, (brokers) => {
  let p: ProcessPlatform | undefined;

  afterAll(async () => {
    await p?.close();
  }, 60_000);

  it(`moves ${MOVED} to its own process mid-run: orders keep flowing, nothing lost, nothing applied twice`, async () => {
    p = await ProcessPlatform.start(
      { ...kafkaTestEnv(brokers), SHIPPING_AUTO_ADVANCE: 'true', INVENTORY_SEED_DEMO: 'false' },
      MONOLITH,
    );
    const platform = p;
    const catalogue = {
      plenty: await createProduct(platform, 100_000),
      scarce: await createProduct(platform, 40, 4999),
    };
    const traffic = new SteadyOrders(platform, catalogue, { orders: 150, perSecond: 5 });

    await traffic.acceptedAtLeast(20);
    const [monolith] = platform.running();
    const moved = await platform.run(MOVED, [MOVED]);
    const byMonolith = consumedByOutcome(await metricsOf(monolith.baseUrl), MOVED);
    await platform.stop(monolith);
    const whileMonolithRanPayments = traffic.accepted.length;
    await platform.run(
      'monolith',
      CONTEXTS.filter((c) => c !== MOVED),
    );
    await traffic.done;

    expect(traffic.failed).toEqual([]);
    expect(traffic.accepted.length).toBe(150);
    // orders placed after the old monolith stopped: only the moved process could pay for them
    expect(traffic.accepted.length - whileMonolithRanPayments).toBeGreaterThan(10);

    await everyOrderSettled(platform, traffic.accepted, 90_000);

    // the group and its offsets carried over: the moved process handled what came after the
    // monolith's commits, and redelivered only what was in flight at the switch. Starting the
    // group afresh would have redelivered every event the monolith had handled.
    const byMoved = consumedByOutcome(await metricsOf(moved.baseUrl), MOVED);
    expect(byMonolith.handled).toBeGreaterThan(20);
    expect(byMoved.handled).toBeGreaterThan(20);
    expect(byMoved.duplicate ?? 0).toBeLessThan(byMonolith.handled / 2);

    await invariantsHold(urlsOf(platform.databaseUrl));
  }, 180_000);
});

async function metricsOf(baseUrl: string): Promise<string> {
  return (await fetch(`${baseUrl}/metrics`)).text();
}
