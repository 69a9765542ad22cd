import { createTestDatabase, describeOnKafka, kafkaTestEnv } from '@platform/testing';
import type { DatabaseTarget } from '@platform/database';
import { CONTEXTS } from '../../scripts/invariants/check-invariants';
import { connectSources } from '../../scripts/invariants/sources';
import { moveData } from '../../scripts/migrate/move-data/move-data';
import { everyOrderSettled, invariantsHold, urlsOf } from './support/context-databases';
import { createProduct } from './support/order-flow';
import { ProcessPlatform } from './support/process-platform';
import { SteadyOrders } from './support/steady-orders';

const SUITE = "a context's data moving to its own database and back";
const MOVED = 'payments';
const OTHERS = CONTEXTS.filter((c) => c !== MOVED);

/**
 * Issue 12's second step on real processes, PostgreSQL and the mock cluster: the platform runs on
 * Kafka and database A, payments as its own process. Payments stops, `migrate move-data` copies
 * its schema to database B, and payments starts again with PAYMENTS_DATABASE_URL=B while orders
 * keep coming (its events wait in Kafka meanwhile, its group's offsets with them). The invariant checker, reading payments
 * on B and the rest on A, finds nothing lost or applied twice. Then it moves back the same way.
 */
describeOnKafka(SUITE, (brokers) => {
  let p: ProcessPlatform | undefined;
  let b: DatabaseTarget | undefined;

  afterAll(async () => {
    await p?.close();
    await b?.release();
  }, 60_000);

  it(`moves ${MOVED} to database B mid-run and back, nothing lost or applied twice`, async () => {
    b = await createTestDatabase('postgres');
    p = await ProcessPlatform.start(
      { ...kafkaTestEnv(brokers), SHIPPING_AUTO_ADVANCE: 'true', INVENTORY_SEED_DEMO: 'false' },
      { monolith: OTHERS, [MOVED]: [MOVED] },
    );
    const platform = p;
    const a = platform.databaseUrl;
    const catalogue = {
      plenty: await createProduct(platform, 100_000),
      scarce: await createProduct(platform, 30, 4999),
    };

    // there: payments stops while orders keep coming, moves to B, and starts on B
    const first = new SteadyOrders(platform, catalogue, { orders: 150, perSecond: 12 });
    await first.acceptedAtLeast(30);
    await platform.stop(platform.hostOf(MOVED));
    const there = await move(MOVED, a, b.url);
    expect(`exit ${there.code}\n${there.output}`).toMatch(/^exit 0\n/);
    expect(there.output).toMatch(/payment +\d+ +\d+ +[0-9a-f]{32} +yes/);
    expect(there.output).not.toMatch(/ NO$/m);
    expect(there.output).toContain(`PAYMENTS_DATABASE_URL=${b.url}`);
    await platform.run(MOVED, [MOVED], { PAYMENTS_DATABASE_URL: b.url });
    await first.done;
    expect(first.failed).toEqual([]);
    await everyOrderSettled(platform, first.accepted);
    await invariantsHold({ ...urlsOf(a), [MOVED]: b.url });
    // payments carried on in B: it holds a payment for every order, A only the ones before the move
    const inB = await paymentCount(b.url);
    expect(inB).toBe(150);
    expect(await paymentCount(a)).toBeLessThan(inB);

    // back: A still holds the old copy, which only --force replaces
    await platform.stop(platform.hostOf(MOVED));
    const refused = await move(MOVED, b.url, a);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('already holds');
    const back = await move(MOVED, b.url, a, true);
    expect(`exit ${back.code}\n${back.output}`).toMatch(/^exit 0\n/);
    expect(back.output).not.toMatch(/ NO$/m);
    await platform.run(MOVED, [MOVED]);
    const second = new SteadyOrders(platform, catalogue, { orders: 50, perSecond: 12 });
    await second.done;
    expect(second.failed).toEqual([]);
    await everyOrderSettled(platform, [...first.accepted, ...second.accepted]);
    await invariantsHold(urlsOf(a));
    expect(await paymentCount(a)).toBe(200);
  }, 170_000);
});

async function move(context: string, from: string, to: string, force = false) {
  const lines: string[] = [];
  const code = await moveData(context, { from, to, force }, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  return { code, output: lines.join('\n') };
}

async function paymentCount(url: string): Promise<number> {
  const connected = await connectSources({ ...urlsOf(url) }, { snapshot: false });
  try {
    const [row] = await connected.sources.payments('SELECT count(*)::int AS n FROM payments.payment');
    return Number(row.n);
  } finally {
    await connected.close();
  }
}
