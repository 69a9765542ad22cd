import { Client } from 'pg';
import type { DatabaseTarget } from '@platform/database';
import { ALL_EVENT_CONTRACTS, AvroCodec, EnvelopeCodec, EventCatalogue } from '@platform/events';
import {
  KafkaGroupOffsets,
  compareShadow,
  kafkaSettingsFromEnv,
  readShadowRun,
  type PartitionOffset,
  type ShadowComparison,
  type ShadowRun,
  totals,
} from '@platform/messaging';
import { createTestDatabase, eventually, kafkaTestBrokers, kafkaTestEnv, requirePostgresUrl } from '@platform/testing';
import {
  CONTEXTS,
  checkInvariants,
  sharedDatabase,
  type InvariantResult,
} from '../../scripts/invariants/check-invariants';
import { formatResults } from '../../scripts/invariants/report';
import { createProduct } from './support/order-flow';
import { ProcessPlatform } from './support/process-platform';
import { runMigrate } from './support/run-cli';
import { SteadyOrders } from './support/steady-orders';

const SUITE = 'a shadow run of loyalty beside the live deployment on Kafka';
const brokers = kafkaTestBrokers(SUITE);
const postgres = requirePostgresUrl(SUITE);
const SHADOWED = 'loyalty';
const ORDERS = 200;

/**
 * Issue 12's third step on real processes, PostgreSQL and the mock cluster: the platform runs live
 * on Kafka (loyalty as its own process) while 200 orders flow. Mid-run, `migrate shadow` copies
 * loyalty's schema and its group's offsets twice, without stopping it: once for a shadow with the
 * live rules (group loyalty.shadow), once for one that credits 2 points per unit
 * (loyalty.shadow-rate2). Both shadows consume beside the live context. `migrate compare` finds
 * the first shadow in agreement with the live context and names `points` as where the second
 * differs; the live deployment stays whole, as the invariant checker judges it. A shadow of
 * notifications runs beside them: its e-mails equal the live ones, and its gateway recorded each.
 */
(brokers && postgres ? describe : describe.skip)(SUITE, () => {
  let p: ProcessPlatform | undefined;
  const shadows: DatabaseTarget[] = [];

  afterAll(async () => {
    await p?.close();
    for (const s of shadows) await s.release();
  }, 60_000);

  it('a shadow with the live rules matches over 200 orders; one with another points rate is reported at points', async () => {
    const kafka = { ...kafkaTestEnv(brokers!), SHIPPING_AUTO_ADVANCE: 'true', INVENTORY_SEED_DEMO: 'false' };
    const [same, rate2, mails] = await Promise.all([
      createTestDatabase('postgres'),
      createTestDatabase('postgres'),
      createTestDatabase('postgres'),
    ]);
    shadows.push(same, rate2, mails);
    p = await ProcessPlatform.start(kafka, {
      monolith: CONTEXTS.filter((c) => c !== SHADOWED),
      [SHADOWED]: [SHADOWED],
    });
    const platform = p;
    const live = platform.databaseUrl;
    const catalogue = {
      plenty: await createProduct(platform, 100_000),
      scarce: await createProduct(platform, 120, 4999), // runs out late in the run: most orders earn points
    };
    // a first wave flows while the copies are made; the second, after them, is what the shadows are
    // compared on whatever the machine's pace (a slow copy would otherwise leave few orders after it)
    const first = new SteadyOrders(platform, catalogue, { orders: 60, perSecond: 6 });
    await first.acceptedAtLeast(20);

    // the shadow copies are made while orders flow and the live loyalty runs
    const [made, madeRate2, madeMails] = await Promise.all([
      runMigrate(['shadow', SHADOWED, '--live-database', live, '--shadow-database', same.url], kafka),
      runMigrate(
        [
          'shadow',
          SHADOWED,
          '--live-database',
          live,
          '--shadow-database',
          rate2.url,
          '--group-suffix',
          '.shadow-rate2',
        ],
        kafka,
      ),
      runMigrate(['shadow', 'notifications', '--live-database', live, '--shadow-database', mails.url], kafka),
    ]);
    expect({ code: made.code, err: made.stderr }).toEqual({ code: 0, err: '' });
    expect({ code: madeMails.code, err: madeMails.stderr }).toEqual({ code: 0, err: '' });
    expect(madeRate2.code).toBe(0);
    expect(made.stdout).toMatch(/ledger +\d+ +\d+ +[0-9a-f]{32} +yes/);
    expect(made.stdout).toContain(`SHADOW=true TRANSPORT=kafka LOYALTY_DATABASE_URL=${same.url}`);
    expect(madeRate2.stdout).toContain('SHADOW_GROUP_SUFFIX=.shadow-rate2');
    // the shadow groups start where the live group had committed before the copy's snapshot
    for (const [db, group] of [
      [same, 'loyalty.shadow'],
      [rate2, 'loyalty.shadow-rate2'],
    ] as const) {
      const run = await shadowRunOf(db.url);
      expect(run.liveOffsets.length).toBeGreaterThan(0);
      expect(sorted(await committedOffsets(kafka, group, run.liveOffsets))).toEqual(sorted(run.liveOffsets));
    }
    const shadowEnv = (db: DatabaseTarget) => ({
      SHADOW: 'true',
      LOYALTY_DATABASE_URL: db.url,
      SHADOW_LIVE_DATABASE_URL: live,
      SHADOW_COMPARE_INTERVAL_MS: '500',
    });
    const second = new SteadyOrders(platform, catalogue, { orders: ORDERS - 60, perSecond: 14 });
    const [, sameProcess, rate2Process] = await Promise.all([
      // notifications too: its e-mail gateway records each send instead of making it
      platform.run('notifications', [], {
        SHADOW: 'true',
        NOTIFICATIONS_DATABASE_URL: mails.url,
        SHADOW_LIVE_DATABASE_URL: live,
      }),
      platform.run(SHADOWED, [], shadowEnv(same)),
      platform.run(SHADOWED, [], {
        ...shadowEnv(rate2),
        SHADOW_GROUP_SUFFIX: '.shadow-rate2',
        LOYALTY_POINTS_PER_UNIT: '2',
      }),
    ]);

    await Promise.all([first.done, second.done]);
    expect([...first.failed, ...second.failed]).toEqual([]);
    await eventually(
      async () =>
        (await platform.db.query(
          `SELECT count(*)::int AS n FROM orders.orders WHERE status IN ('DELIVERED', 'CANCELLED')`,
        )) as Array<{ n: number }>,
      ([row]) => row.n === ORDERS,
      { expected: `all ${ORDERS} orders DELIVERED or CANCELLED`, timeoutMs: 60_000, intervalMs: 500 },
    );

    // both shadows caught up with the live loyalty: every input it processed since the copy
    const caughtUp = (db: DatabaseTarget, context = SHADOWED) =>
      eventually(
        () => comparison(context, live, db.url),
        (c) => c.lagInputs === 0 && c.comparedInputs > 50,
        {
          expected: 'the shadow to have processed every input the live loyalty did',
          timeoutMs: 30_000,
          intervalMs: 500,
        },
      );
    const [agreeing, , mailed] = await Promise.all([caughtUp(same), caughtUp(rate2), caughtUp(mails, 'notifications')]);
    // every e-mail the shadow would have sent is the live one's, and each send was recorded with its cause
    expect(totals(mailed.comparisons)).toMatchObject({ mismatched: 0, missing: 0, extra: 0 });
    expect(totals(mailed.comparisons).matched).toBeGreaterThan(100);
    const [calls] = (await sqlOn(
      mails.url,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE cause_event_id IN (SELECT event_id FROM notifications.inbox))::int AS caused
         FROM notifications.shadow_gateway_calls WHERE gateway = 'email'`,
    )) as Array<{ n: number; caused: number }>;
    expect(calls.n).toBeGreaterThanOrEqual(totals(mailed.comparisons).matched);
    expect(calls.caused).toBe(calls.n);
    // the orders placed after the copy, less the cancelled ones (scarce stock), earned points
    expect(agreeing.comparisons.filter((c) => c.type === 'ledger.CREDIT').length).toBeGreaterThan(50);

    const cli = (...args: string[]) => runMigrate(args, kafka);
    const [compared, differs, again, orders] = await Promise.all([
      cli('compare', SHADOWED, '--live-database', live, '--shadow-database', same.url),
      cli('compare', SHADOWED, '--live-database', live, '--shadow-database', rate2.url),
      cli('shadow', SHADOWED, '--live-database', live, '--shadow-database', same.url),
      cli('shadow', 'orders', '--live-database', live, '--shadow-database', same.url),
    ]);
    expect({ code: compared.code, out: compared.stdout, err: compared.stderr }).toMatchObject({ code: 0, err: '' });
    expect(compared.stdout).toMatch(/ledger\.CREDIT +[1-9]\d+ +0 +0 +0/);

    expect({ code: differs.code, err: differs.stderr }).toEqual({ code: 1, err: '' });
    expect(differs.stdout).toMatch(/ledger\.CREDIT +0 +[1-9]\d+ +0 +0/);
    expect(differs.stdout).toMatch(/mismatched ledger\.CREDIT key \S+ \(input \S+\): points live "(\d+)" shadow "\d+"/);

    // a second copy into a shadow that runs is refused, and so is a context that cannot be shadowed
    expect({ code: again.code, out: again.stdout + again.stderr }).toMatchObject({ code: 1 });
    expect(again.stderr).toMatch(/loyalty is running on the target database|already holds/);
    expect({ code: orders.code, err: orders.stderr }).toMatchObject({ code: 1 });
    expect(orders.stderr).toContain('orders cannot be shadowed: orders takes its input over HTTP');

    // each shadow compares itself every 500 ms and exposes the counts
    await eventually(
      () => shadowMetrics(sameProcess.baseUrl),
      (m) => m.matched === agreeing.comparisons.length && m.mismatched === 0 && m.lag === 0,
      { expected: `${agreeing.comparisons.length} matched, 0 mismatched, lag 0`, timeoutMs: 10_000, intervalMs: 200 },
    );
    await eventually(
      () => shadowMetrics(rate2Process.baseUrl),
      (m) => m.mismatched > 50 && m.lag === 0,
      { expected: 'over 50 mismatched, lag 0', timeoutMs: 10_000, intervalMs: 200 },
    );

    const query = (sql: string, params?: readonly unknown[]) => platform.db.query(sql, params as unknown[]);
    let results: InvariantResult[] = [];
    await eventually(
      async () => (results = await checkInvariants(sharedDatabase(query), { settleMs: 0 })),
      (r) => r.every((i) => i.ok),
      { expected: 'every invariant of the live deployment to hold', timeoutMs: 30_000, intervalMs: 500 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${formatResults(results)}`);
    });
  }, 150_000);
});

async function comparison(context: string, liveUrl: string, shadowUrl: string): Promise<ShadowComparison> {
  const [live, shadow] = [new Client({ connectionString: liveUrl }), new Client({ connectionString: shadowUrl })];
  await Promise.all([live.connect(), shadow.connect()]);
  try {
    const on = (c: Client) => (sql: string, params?: unknown[]) =>
      c.query(sql, params).then((r) => r.rows as Array<Record<string, unknown>>);
    return await compareShadow(
      context,
      on(live),
      on(shadow),
      new EnvelopeCodec(new EventCatalogue(ALL_EVENT_CONTRACTS), new AvroCodec()),
    );
  } finally {
    await Promise.all([live.end(), shadow.end()]);
  }
}

async function shadowMetrics(baseUrl: string): Promise<{ matched: number; mismatched: number; lag: number }> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
  return {
    matched: value(/^shadow_comparison_results\{[^}]*result="matched"[^}]*\} (\d+)$/m),
    mismatched: value(/^shadow_comparison_results\{[^}]*result="mismatched"[^}]*\} (\d+)$/m),
    lag: value(/^shadow_lag_records\{[^}]*\} (\d+)$/m),
  };
}

async function shadowRunOf(url: string): Promise<ShadowRun> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const run = await readShadowRun((sql, params) => client.query(sql, params).then((r) => r.rows), SHADOWED);
    if (!run) throw new Error(`no ${SHADOWED}.shadow_run in ${url}`);
    return run;
  } finally {
    await client.end();
  }
}

async function committedOffsets(
  env: NodeJS.ProcessEnv,
  group: string,
  like: readonly PartitionOffset[],
): Promise<PartitionOffset[]> {
  const kafka = await KafkaGroupOffsets.connect(kafkaSettingsFromEnv(env));
  try {
    return await kafka.committed(group, [...new Set(like.map((o) => o.topic))]);
  } finally {
    await kafka.close();
  }
}

function sorted(offsets: readonly PartitionOffset[]): PartitionOffset[] {
  return [...offsets].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

async function sqlOn(url: string, text: string): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}
