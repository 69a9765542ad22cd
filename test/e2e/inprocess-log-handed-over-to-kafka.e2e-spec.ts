import { describeOnKafka, eventually, kafkaTestEnv } from '@platform/testing';
import { CONTEXTS } from '../../scripts/invariants/check-invariants';
import { consumedByOutcome } from '../faults/support/metrics';
import { invariantsHold, urlsOf } from './support/context-databases';
import { runMigrate } from './support/run-cli';
import { createProduct } from './support/order-flow';
import { MONOLITH, ProcessPlatform } from './support/process-platform';
import { SteadyOrders } from './support/steady-orders';

const SUITE = 'the in-process log handed over to Kafka';
const ORDERS = 120;

/**
 * Stage 2 to 3 of docs/deploy.md without a drain (ADR 0019): the single binary runs in-process
 * with orders arriving and analytics failing, so its records pile up in the log; it is stopped
 * (SIGTERM) with traffic still arriving; `npm run migrate -- handover` re-produces to Kafka what
 * any group has not processed and marks the log; the in-process transport then refuses the log,
 * and the monolith on Kafka, with analytics back to normal, finishes every order. The invariant
 * checker finds nothing lost (analytics and notifications have every order) and nothing applied
 * twice, though the groups that were ahead got their records again.
 */
describeOnKafka(SUITE, (brokers) => {
  let p: ProcessPlatform | undefined;

  afterAll(async () => {
    await p?.close();
  }, 60_000);

  it('hands over with traffic arriving: every order finishes on Kafka, nothing lost, nothing applied twice', async () => {
    // retries never dead-letter in this test: a failing analytics keeps its records waiting in the log
    p = await ProcessPlatform.start(
      { SHIPPING_AUTO_ADVANCE: 'true', INVENTORY_SEED_DEMO: 'false', CONSUMER_MAX_ATTEMPTS: '1000000' },
      MONOLITH,
    );
    const platform = p;
    const kafka = kafkaTestEnv(brokers);
    const cli = { DATABASE_URL: platform.databaseUrl, ...kafka };
    const catalogue = {
      plenty: await createProduct(platform, 100_000),
      scarce: await createProduct(platform, 40, 4999),
    };
    const traffic = new SteadyOrders(platform, catalogue, { orders: ORDERS, perSecond: 8 });

    await traffic.acceptedAtLeast(10);
    expect((await platform.admin.PUT('/admin/analytics/mode', { body: { mode: 'failing' } })).response.status).toBe(
      200,
    );
    await traffic.acceptedAtLeast(40);
    expect(await runMigrate(['handover', '--dry-run'], cli)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/a process still has the in-process log at .* open \(pid \d+/),
    });
    const [inProcess] = platform.running();
    await platform.stop(inProcess); // SIGTERM with orders still arriving: the client retries meanwhile
    const acceptedInProcess = traffic.accepted.length;
    expect(await lagOf(platform, 'analytics')).toBeGreaterThan(0);

    const dryRun = await runMigrate(['handover', '--dry-run'], cli);
    expect(dryRun).toMatchObject({ code: 0 });
    expect(dryRun.stdout).toMatch(/orders\.order-placed\.v1 \(groups [^)]*analytics[^)]*\): [1-9]\d* record/);
    expect(dryRun.stdout).toContain('dry run: nothing produced');
    expect(await handoverRows(platform)).toBe(0);

    const handover = await runMigrate(['handover'], cli);
    expect({ code: handover.code, stderr: handover.stderr }).toMatchObject({ code: 0 });
    const produced = Number(/handover: done, (\d+) record/.exec(handover.stdout)?.[1]);
    expect(produced).toBeGreaterThan(0);
    expect(handover.stderr).toContain(`produced ${produced}/${produced} records`);
    expect(await runMigrate(['handover'], cli)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('handed over already'),
    });

    // the in-process transport refuses the handed-over log, at start
    await expect(platform.run('monolith', CONTEXTS)).rejects.toThrow(/handed over to Kafka/);

    const onKafka = await platform.run('monolith', CONTEXTS, kafka); // analytics starts in its normal mode
    await traffic.done;
    expect(traffic.failed).toEqual([]);
    expect(traffic.accepted.length).toBe(ORDERS);
    expect(traffic.accepted.length - acceptedInProcess).toBeGreaterThan(10); // orders placed during the switch

    await eventually(
      async () => (await platform.db.query('SELECT status FROM orders.orders')) as Array<{ status: string }>,
      (rows) => rows.length === ORDERS && rows.every((r) => r.status === 'DELIVERED' || r.status === 'CANCELLED'),
      { expected: `all ${ORDERS} orders DELIVERED or CANCELLED`, timeoutMs: 90_000, intervalMs: 500 },
    );
    await invariantsHold(urlsOf(platform.databaseUrl));

    // notifications was ahead of analytics: it got its handed-over records again, and its inbox skipped them
    const notifications = consumedByOutcome(await (await fetch(`${onKafka.baseUrl}/metrics`)).text(), 'notifications');
    expect(notifications.duplicate ?? 0).toBeGreaterThan(0);

    // last, since it makes every group rebalance: a hand-over forced again while the platform consumes on
    // Kafka is refused, and leaves the mark as it was
    expect(await runMigrate(['handover', '--force'], cli)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/the Kafka consumer group .* could not be held alone/),
    });
    expect(await markState(platform)).toBe('completed');
  }, 240_000);
});

async function lagOf(platform: ProcessPlatform, group: string): Promise<number> {
  const [{ lag }] = (await platform.db.query(
    `SELECT coalesce(sum(h.next_offset - coalesce(o.committed_offset, 0)), 0)::int AS lag
       FROM messaging.subscriptions s
       JOIN messaging.partition_heads h ON h.topic = s.topic
       LEFT JOIN messaging.group_offsets o ON o.group_id = s.group_id AND o.topic = h.topic AND o.partition = h.partition
      WHERE s.group_id = $1`,
    [group],
  )) as Array<{ lag: number }>;
  return lag;
}

async function markState(platform: ProcessPlatform): Promise<string | undefined> {
  return ((await platform.db.query('SELECT state FROM messaging.handover')) as Array<{ state: string }>)[0]?.state;
}

async function handoverRows(platform: ProcessPlatform): Promise<number> {
  return ((await platform.db.query('SELECT 1 FROM messaging.handover')) as unknown[]).length;
}
