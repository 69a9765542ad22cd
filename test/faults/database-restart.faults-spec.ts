import { deadLetterCounts, summarise } from './support/dead-letters';
import { ONE_PROCESS, Deployment } from './support/deployment';
import { faultTransports, ordersFor } from './support/fault-transport';
import { createCatalogue, OrderTraffic } from './support/order-traffic';
import { restartable, restartPostgres } from './support/postgres-server';
import { checkDeployment, expectIntact, reportScenario } from './support/scenario-report';
import { settle } from './support/settle';

/**
 * Scenario: the PostgreSQL server restarts under traffic (stopped, down for 1.5 s, started), once
 * on its own and once with the platform SIGKILLed while the database is down, then started again
 * once the database is back. Every session ends, new ones are refused, then answered "the database
 * system is starting up". Requests answer 503 DATABASE.UNAVAILABLE (the client retries), never a
 * 500; consumers wait for their database instead of spending their attempts (docs/adr/0017), so
 * nothing is dead-lettered; every accepted order settles and every invariant holds.
 */
const ORDERS = 120;
const PER_SECOND = 20;
const DOWN_MS = 1_500;
/**
 * Beyond the suite's 180 s: on a loaded machine a Kafka run spends most of it rejoining its groups
 * after the outage (57 to 81 s here quiet, over 180 s once in CI beside other work), and settle()'s own
 * 120 s limit must get to say where the flow stopped before the test is cut short.
 */
const SCENARIO_TIMEOUT_MS = 360_000;

describe.each(faultTransports())('fault: the PostgreSQL server restarts (%s)', (transport) => {
  const orders = ordersFor(transport, ORDERS);
  let d: Deployment | undefined;

  afterEach(async () => {
    await d?.close();
    d = undefined;
  });

  it.each([
    ['under traffic', false],
    ['with the platform SIGKILLed while it is down', true],
  ])(
    'loses nothing and dead-letters nothing when it restarts %s',
    async (_label, killPlatform) => {
      const why = restartable(process.env.DATABASE_URL ?? '');
      if (why) return skipLoudly(why);
      d = await Deployment.start(transport, ONE_PROCESS);
      if (!d) return;
      const deployment = d;
      const catalogue = await createCatalogue(deployment);

      const traffic = new OrderTraffic(deployment, catalogue, { orders, perSecond: PER_SECOND });
      await traffic.acceptedAtLeast(Math.floor(orders / 3));
      const [platform] = deployment.processNames();
      const restart = restartPostgres(deployment.url, DOWN_MS);
      if (killPlatform) await deployment.kill(platform);
      const { downMs } = await restart;
      const restartedAt = Date.now();
      if (killPlatform) await deployment.startProcess(platform);
      const platformMs = Date.now() - restartedAt;
      const result = await traffic.done;

      const settled = await settle(deployment);
      const letters = await deadLetterCounts(deployment);
      const outcome = await checkDeployment(deployment, result.accepted);
      reportScenario({
        scenario: `PostgreSQL restarted ${killPlatform ? 'with the platform SIGKILLed' : 'under traffic'}`,
        d: deployment,
        traffic: result,
        injected: `server stopped (fast) after ${Math.floor(orders / 3)} orders accepted, started again ${DOWN_MS} ms later, answering after ${downMs} ms${killPlatform ? `; platform SIGKILLed meanwhile, ready again ${platformMs} ms after the server` : ''}`,
        settled,
        outcome,
        notes: [`dead letters: ${summarise(letters)}`],
      });
      expectIntact(outcome);
      expect(result.accepted).toHaveLength(orders);
      const answers = [...Object.keys(result.retried), ...Object.keys(result.failed)];
      expect(answers.filter((answer) => /^5\d\d/.test(answer) && !answer.startsWith('503'))).toEqual([]);
      expect(letters).toEqual([]);
    },
    SCENARIO_TIMEOUT_MS,
  );
});

function skipLoudly(why: string): void {
  if (process.env.CI === 'true') throw new Error(`the database-restart scenario cannot run: ${why}`);
  process.stderr.write(`\n!!! database-restart fault scenario SKIPPED: ${why}\n`);
}
