import { Client } from 'pg';
import { deadLetterCounts, summarise } from './support/dead-letters';
import { TWO_PROCESSES, Deployment } from './support/deployment';
import { faultTransports, ordersFor } from './support/fault-transport';
import { createCatalogue, OrderTraffic } from './support/order-traffic';
import { checkDeployment, expectIntact, reportScenario } from './support/scenario-report';
import { settle } from './support/settle';

/**
 * Scenario 4: the database drops the platform's connections mid-transaction. Four times during a
 * 240-order run, `pg_terminate_backend` ends every session the platform holds on its database
 * (found by its application_name, `order-platform:<context>`, its LISTEN sessions included):
 * HTTP transactions, handlers, relays, offset commits, the saga sweeper, whatever was running.
 * Pools reconnect, failed requests are retried by the client with the same Idempotency-Key,
 * failed handlers by the pipeline, and every invariant must hold. A POST /orders that loses its
 * connection answers 503 DATABASE.UNAVAILABLE (transient, retry), never a 500 (a bug).
 */
const ORDERS = 240;
const DROPS = 4;

describe.each(faultTransports())('fault: database connections dropped mid-transaction (%s)', (transport) => {
  const orders = ordersFor(transport, ORDERS);
  let d: Deployment | undefined;

  afterAll(async () => d?.close());

  it('recovers from every drop and loses nothing', async () => {
    d = await Deployment.start(transport, TWO_PROCESSES);
    if (!d) return;
    const catalogue = await createCatalogue(d);

    const traffic = new OrderTraffic(d, catalogue, { orders, perSecond: 40 });
    const terminated: number[] = [];
    for (let drop = 1; drop <= DROPS; drop++) {
      await traffic.acceptedAtLeast(Math.floor((drop * orders) / (DROPS + 1)));
      terminated.push(await terminatePlatformSessions(d.url));
    }
    const result = await traffic.done;

    const settled = await settle(d);
    const letters = await deadLetterCounts(d);
    const outcome = await checkDeployment(d, result.accepted);
    reportScenario({
      scenario: 'database connections dropped mid-transaction',
      d,
      traffic: result,
      injected: `pg_terminate_backend on every platform session, ${DROPS} times during the run: ${terminated.join(', ')} sessions`,
      settled,
      outcome,
      notes: [`dead letters: ${summarise(letters)}`],
    });
    expectIntact(outcome);
    expect(result.accepted).toHaveLength(orders);
    const answers = [...Object.keys(result.retried), ...Object.keys(result.failed)];
    expect(answers.filter((answer) => answer.startsWith('500'))).toEqual([]);
    expect(terminated.every((n) => n > 0)).toBe(true);
  });
});

/** ends every session of the platform on this database; returns how many */
async function terminatePlatformSessions(url: string): Promise<number> {
  const client = new Client({ connectionString: url, application_name: 'faults:terminator' });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE 'order-platform:%' AND pid <> pg_backend_pid()`,
    );
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}
