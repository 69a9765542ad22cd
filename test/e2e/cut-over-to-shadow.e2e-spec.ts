import type { DatabaseTarget } from '@platform/database';
import { createTestDatabase, eventually, kafkaTestBrokers, kafkaTestEnv, requirePostgresUrl } from '@platform/testing';
import {
  CONTEXTS,
  checkInvariants,
  type ContextName,
  type InvariantResult,
} from '../../scripts/invariants/check-invariants';
import { formatResults } from '../../scripts/invariants/report';
import { connectSources } from '../../scripts/invariants/sources';
import { consumedByOutcome } from '../faults/support/metrics';
import type { Monolith } from './support/monolith-process';
import { createProduct } from './support/order-flow';
import { ProcessPlatform } from './support/process-platform';
import { runMigrate } from './support/run-cli';
import { aheadOfLive, cutOverProgress, shadowComparison } from './support/shadow-probes';
import { SteadyOrders } from './support/steady-orders';

const SUITE = 'cutting loyalty over to its shadow under traffic on Kafka';
const brokers = kafkaTestBrokers(SUITE);
const postgres = requirePostgresUrl(SUITE);
const MOVED = 'loyalty';
const ORDERS = 200;

/**
 * Issue 12's fourth step on real processes, PostgreSQL and the mock cluster, with orders flowing
 * all along: loyalty runs live as its own process; `migrate shadow` copies it and a shadow
 * consumes beside it. Then, as docs/deploy.md says: the live loyalty stops, the shadow catches
 * up and stops, `migrate cut-over` promotes it, and loyalty starts without SHADOW on the shadow's
 * database. Every order settles, the invariant checker (loyalty read from its new database) finds
 * nothing lost or applied twice, and the new deployment was redelivered nothing: it carried on
 * from the shadow's offsets. The processing pause is printed, as the command saw it and as the
 * two inboxes show it.
 */
(brokers && postgres ? describe : describe.skip)(SUITE, () => {
  let p: ProcessPlatform | undefined;
  let shadowDb: DatabaseTarget | undefined;

  afterAll(async () => {
    await p?.close();
    await shadowDb?.release();
  }, 60_000);

  it('the shadow takes over mid-run: 0 lost, 0 applied twice, 0 redelivered, the pause printed', async () => {
    const kafka = { ...kafkaTestEnv(brokers!), SHIPPING_AUTO_ADVANCE: 'true', INVENTORY_SEED_DEMO: 'false' };
    [p, shadowDb] = await Promise.all([
      ProcessPlatform.start(kafka, { monolith: CONTEXTS.filter((c) => c !== MOVED), [MOVED]: [MOVED] }),
      createTestDatabase('postgres'),
    ]);
    const platform = p;
    const [live, shadow] = [platform.databaseUrl, shadowDb.url];
    const databases = ['--live-database', live, '--shadow-database', shadow];
    const catalogue = {
      plenty: await createProduct(platform, 100_000),
      scarce: await createProduct(platform, 40, 4999),
    };
    const traffic = new SteadyOrders(platform, catalogue, { orders: ORDERS, perSecond: 5 });
    await traffic.acceptedAtLeast(15);

    const made = await runMigrate(['shadow', MOVED, ...databases], kafka);
    expect({ code: made.code, err: made.stderr }).toEqual({ code: 0, err: '' });
    const shadowProcess = await platform.run(MOVED, [], { SHADOW: 'true', LOYALTY_DATABASE_URL: shadow });
    await traffic.acceptedAtLeast(45);

    // refused while the live and the shadow run (their sessions), before anything is read or changed
    const early = await runMigrate(['cut-over', MOVED, ...databases], kafka);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`${MOVED} is running on the live database`);
    expect(early.stderr).toContain(`${MOVED} is running on the shadow database`);

    // and loyalty started as the live deployment on the shadow's copy before the cut-over stops at start
    await expect(platform.run(MOVED, [], { LOYALTY_DATABASE_URL: shadow })).rejects.toThrow('was not cut over');

    // the cut-over, while orders keep coming
    const beforeCutOver = traffic.accepted.length;
    const t0 = Date.now();
    const step = (what: string) => process.stdout.write(`${((Date.now() - t0) / 1000).toFixed(1)} s ${what}\n`);
    await platform.stop(liveLoyalty(platform, shadowProcess));
    step('live stopped');
    // caught up, and ahead: it processed records the live never did, which only S carries over
    await eventually(
      async () => ({
        lag: (await shadowComparison(MOVED, live, shadow)).lagInputs,
        ahead: await aheadOfLive(MOVED, live, shadow),
      }),
      (c) => c.lag === 0 && c.ahead >= 3,
      { expected: 'the shadow to have processed every input the live loyalty did, and 3 more', timeoutMs: 30_000 },
    );
    step('shadow caught up');
    await platform.stop(shadowProcess);
    step('shadow stopped');
    const cutOver = await runMigrate(['cut-over', MOVED, ...databases], kafka);
    process.stdout.write(`migrate cut-over ${MOVED}:\n${cutOver.stdout}${cutOver.stderr}`);
    expect({ code: cutOver.code, err: cutOver.stderr }).toEqual({ code: 0, err: '' });
    expect(cutOver.stdout).toMatch(/processing pause so far: \d+\.\d\d s/);
    expect(cutOver.stdout).toContain(`LOYALTY_DATABASE_URL=${shadow}`);
    const promoted = await platform.run(MOVED, [MOVED], { LOYALTY_DATABASE_URL: shadow });
    step(`promoted started; ${traffic.accepted.length - beforeCutOver} orders placed during the cut-over`);

    await traffic.done;
    expect(traffic.failed).toEqual([]);
    expect(beforeCutOver).toBeLessThan(ORDERS - 20); // orders kept coming through the cut-over
    const urls = { ...urlsOf(live), [MOVED]: shadow };
    await everyOrderSettled(platform, traffic.accepted);
    await invariantsHold(urls);

    // it resumed exactly where the shadow stopped: whatever the live or the shadow processed, it never saw
    const consumed = consumedByOutcome(await (await fetch(`${promoted.baseUrl}/metrics`)).text(), MOVED);
    expect(consumed.handled).toBeGreaterThan(10); // the orders confirmed since the shadow stopped
    expect(consumed.duplicate ?? 0).toBe(0);

    const pause = await measuredPause(live, shadow);
    process.stdout.write(`measured processing pause of the ${MOVED} group: ${(pause / 1000).toFixed(2)} s\n`);
    expect(pause).toBeGreaterThan(0);
  }, 120_000);
});

/** the live loyalty process: the one started for loyalty alone that is not the shadow */
function liveLoyalty(platform: ProcessPlatform, shadow: Monolith): Monolith {
  const live = platform
    .running()
    .find((m) => m !== shadow && m.process.spawnargs.some((a) => a.includes(`apps/${MOVED}/`)));
  if (!live) throw new Error(`no live ${MOVED} process`);
  return live;
}

function urlsOf(url: string): Record<ContextName, string> {
  return Object.fromEntries(CONTEXTS.map((c) => [c, url])) as Record<ContextName, string>;
}

async function everyOrderSettled(platform: ProcessPlatform, accepted: readonly string[]): Promise<void> {
  const rows = await eventually(
    async () =>
      (await platform.db.query('SELECT id::text AS id, status FROM orders.orders')) as Array<{
        id: string;
        status: string;
      }>,
    (r) => r.length === accepted.length && r.every((o) => o.status === 'DELIVERED' || o.status === 'CANCELLED'),
    { expected: `all ${accepted.length} orders DELIVERED or CANCELLED`, timeoutMs: 60_000, intervalMs: 500 },
  );
  expect(rows.map((r) => r.id).sort()).toEqual([...accepted].sort());
}

/** the invariant checker over each context's own database, loyalty on the promoted shadow's */
async function invariantsHold(urls: Record<ContextName, string>): Promise<void> {
  let results: InvariantResult[] = [];
  await eventually(
    async () => {
      const connected = await connectSources(urls);
      try {
        return (results = await checkInvariants(connected.sources, { settleMs: 0 }));
      } finally {
        await connected.close();
      }
    },
    (r) => r.every((i) => i.ok),
    { expected: 'every invariant to hold once the flow is at rest', timeoutMs: 30_000, intervalMs: 500 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${formatResults(results)}`);
  });
}

/** the loyalty group's pause as the two inboxes show it: the live's last record to the promoted's first */
async function measuredPause(liveUrl: string, shadowUrl: string): Promise<number> {
  const { lastLive, firstPromoted } = await cutOverProgress(MOVED, liveUrl, shadowUrl);
  if (lastLive === undefined || firstPromoted === undefined)
    throw new Error(`no pause to measure: live's last record ${lastLive}, the promoted's first ${firstPromoted}`);
  return firstPromoted - lastLive;
}
