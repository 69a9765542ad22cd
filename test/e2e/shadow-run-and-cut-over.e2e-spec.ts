import type { DatabaseTarget } from '@platform/database';
import {
  KafkaGroupOffsets,
  kafkaSettingsFromEnv,
  readShadowRun,
  type PartitionOffset,
  type ShadowRun,
  totals,
} from '@platform/messaging';
import { createTestDatabase, describeOnKafka, eventually, kafkaTestEnv } from '@platform/testing';
import { CONTEXTS, type ContextName } from '../../scripts/invariants/check-invariants';
import { consumedByOutcome } from '../faults/support/metrics';
import { everyOrderSettled, invariantsHold, rowsOn, urlsOf } from './support/context-databases';
import type { Monolith } from './support/monolith-process';
import { createProduct } from './support/order-flow';
import { ProcessPlatform } from './support/process-platform';
import { runMigrate } from './support/run-cli';
import { aheadOfLive, cutOverProgress, shadowComparison } from './support/shadow-probes';
import { SteadyOrders } from './support/steady-orders';

const SUITE = 'loyalty shadowed beside the live deployment on Kafka, then cut over to its shadow';
const SHADOWED: ContextName = 'loyalty';

/**
 * Issue 12's third and fourth steps on real processes, PostgreSQL and the mock cluster, on one
 * deployment (the monolith without loyalty, loyalty as its own process) with orders flowing all
 * along; the second step starts where the first ends.
 *
 * The shadow run: mid-run, `migrate shadow` copies loyalty's schema and its group's offsets twice
 * without stopping it: once for a shadow with the live rules (group loyalty.shadow), once for one
 * that credits 2 points per unit (loyalty.shadow-rate2); and notifications once. The shadows
 * consume beside the live contexts. `migrate compare` finds the first in agreement over 200
 * orders and names `points` as where the second differs; notifications' e-mails agree and its
 * gateway recorded each send; the live deployment stays whole, as the invariant checker judges it.
 *
 * The cut-over, as docs/deploy.md says, while orders keep coming: the live loyalty stops, the
 * agreeing shadow catches up (and gets ahead) and stops, `migrate cut-over` promotes it, and
 * loyalty starts without SHADOW on the shadow's database. Every order settles, the invariant
 * checker (loyalty read from its new database) finds nothing lost or applied twice, the new
 * deployment was redelivered nothing (it carried on from the shadow's offsets), and the pause is
 * printed, as the command saw it and as the two inboxes show it.
 */
describeOnKafka(SUITE, (brokers) => {
  const kafka = { ...kafkaTestEnv(brokers), SHIPPING_AUTO_ADVANCE: 'true', INVENTORY_SEED_DEMO: 'false' };
  let p: ProcessPlatform | undefined;
  const shadows: DatabaseTarget[] = [];
  /** what the cut-over takes from the shadow run */
  let shadowed: { live: Monolith; shadow: Monolith; others: Monolith[]; db: DatabaseTarget } | undefined;
  let catalogue: { plenty: string; scarce: string } | undefined;
  const accepted: string[] = [];

  afterAll(async () => {
    await p?.close();
    for (const s of shadows) await s.release();
  }, 60_000);

  it('a shadow with the live rules matches over 200 orders; one with another points rate is reported at points', async () => {
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
    const liveLoyalty = platform.hostOf(SHADOWED);
    const live = platform.databaseUrl;
    catalogue = {
      plenty: await createProduct(platform, 100_000),
      scarce: await createProduct(platform, 120, 4999), // runs out late in the run: most orders earn points
    };
    // a first wave flows while the copies are made; the second, after them, is what the shadows are
    // compared on whatever the machine's pace (a slow copy would otherwise leave few orders after it)
    const first = new SteadyOrders(platform, catalogue, { orders: 60, perSecond: 6 });
    await first.acceptedAtLeast(20);

    // the shadow copies are made while orders flow and the live loyalty runs
    const shadowOf = (context: string, db: DatabaseTarget, ...more: string[]) =>
      runMigrate(['shadow', context, '--live-database', live, '--shadow-database', db.url, ...more], kafka);
    const [made, madeRate2, madeMails] = await Promise.all([
      shadowOf(SHADOWED, same),
      shadowOf(SHADOWED, rate2, '--group-suffix', '.shadow-rate2'),
      shadowOf('notifications', mails),
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
    const second = new SteadyOrders(platform, catalogue, { orders: 140, perSecond: 14 });
    const [mailsProcess, sameProcess, rate2Process] = await Promise.all([
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
    accepted.push(...first.accepted, ...second.accepted);
    await everyOrderSettled(platform, accepted);

    // both shadows caught up with the live loyalty: every input it processed since the copy
    const caughtUp = (db: DatabaseTarget, context: string = SHADOWED) =>
      eventually(
        () => shadowComparison(context, live, db.url),
        (c) => c.lagInputs === 0 && c.comparedInputs > 50,
        {
          expected: `the shadow to have processed every input the live ${context} did`,
          timeoutMs: 30_000,
          intervalMs: 500,
        },
      );
    const [agreeing, , mailed] = await Promise.all([caughtUp(same), caughtUp(rate2), caughtUp(mails, 'notifications')]);
    // every e-mail the shadow would have sent is the live one's, and each send was recorded with its cause
    expect(totals(mailed.comparisons)).toMatchObject({ mismatched: 0, missing: 0, extra: 0 });
    expect(totals(mailed.comparisons).matched).toBeGreaterThan(100);
    const [calls] = (await rowsOn(
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

    await invariantsHold(urlsOf(platform.databaseUrl), 'every invariant of the live deployment to hold');
    shadowed = { live: liveLoyalty, shadow: sameProcess, others: [rate2Process, mailsProcess], db: same };
  }, 150_000);

  it('the agreeing shadow takes over mid-run: 0 lost, 0 applied twice, 0 redelivered, the pause printed', async () => {
    if (!p || !shadowed || !catalogue) throw new Error('the shadow run above did not get as far as a running shadow');
    const platform = p;
    const { db, shadow: shadowProcess } = shadowed;
    await Promise.all(shadowed.others.map((other) => platform.stop(other))); // only the agreeing one goes on
    const [live, shadow] = [platform.databaseUrl, db.url];
    const databases = ['--live-database', live, '--shadow-database', shadow];
    // refused while the live and the shadow run (their sessions), before anything is read or changed
    const early = await runMigrate(['cut-over', SHADOWED, ...databases], kafka);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`${SHADOWED} is running on the live database`);
    expect(early.stderr).toContain(`${SHADOWED} is running on the shadow database`);

    // and loyalty started as the live deployment on the shadow's copy before the cut-over stops at start
    await expect(platform.run(SHADOWED, [], { LOYALTY_DATABASE_URL: shadow })).rejects.toThrow('was not cut over');

    // the cut-over, while orders keep coming
    const traffic = new SteadyOrders(platform, catalogue, { orders: 100, perSecond: 6 });
    await traffic.acceptedAtLeast(6);
    const beforeCutOver = traffic.accepted.length;
    const t0 = Date.now();
    const step = (what: string) => process.stdout.write(`${((Date.now() - t0) / 1000).toFixed(1)} s ${what}\n`);
    await platform.stop(shadowed.live);
    step('live stopped');
    // caught up, and ahead: it processed records the live never did, which only S carries over
    await eventually(
      async () => ({
        lag: (await shadowComparison(SHADOWED, live, shadow)).lagInputs,
        ahead: await aheadOfLive(SHADOWED, live, shadow),
      }),
      (c) => c.lag === 0 && c.ahead >= 3,
      { expected: 'the shadow to have processed every input the live loyalty did, and 3 more', timeoutMs: 30_000 },
    );
    step('shadow caught up');
    await platform.stop(shadowProcess);
    step('shadow stopped');
    const cutOver = await runMigrate(['cut-over', SHADOWED, ...databases], kafka);
    process.stdout.write(`migrate cut-over ${SHADOWED}:\n${cutOver.stdout}${cutOver.stderr}`);
    expect({ code: cutOver.code, err: cutOver.stderr }).toEqual({ code: 0, err: '' });
    expect(cutOver.stdout).toMatch(/processing pause so far: \d+\.\d\d s/);
    expect(cutOver.stdout).toContain(`LOYALTY_DATABASE_URL=${shadow}`);
    const promoted = await platform.run(SHADOWED, [SHADOWED], { LOYALTY_DATABASE_URL: shadow });
    const duringCutOver = traffic.accepted.length - beforeCutOver;
    step(`promoted started; ${duringCutOver} orders placed during the cut-over`);

    await traffic.done;
    expect(traffic.failed).toEqual([]);
    expect(duringCutOver).toBeGreaterThan(0); // orders kept coming through the cut-over
    await everyOrderSettled(platform, [...accepted, ...traffic.accepted]);
    await invariantsHold({ ...urlsOf(live), [SHADOWED]: shadow });

    // it resumed exactly where the shadow stopped: whatever the live or the shadow processed, it never saw
    const consumed = consumedByOutcome(await (await fetch(`${promoted.baseUrl}/metrics`)).text(), SHADOWED);
    expect(consumed.handled).toBeGreaterThan(10); // the orders confirmed since the shadow stopped
    expect(consumed.duplicate ?? 0).toBe(0);

    const { lastLive, firstPromoted } = await cutOverProgress(SHADOWED, live, shadow);
    if (lastLive === undefined || firstPromoted === undefined) throw new Error('no record on one side of the cut-over');
    const pause = firstPromoted - lastLive;
    process.stdout.write(`measured processing pause of the ${SHADOWED} group: ${(pause / 1000).toFixed(2)} s\n`);
    expect(pause).toBeGreaterThan(0);
  }, 120_000);
});

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
  const run = await readShadowRun((sql, params) => rowsOn(url, sql, params), SHADOWED);
  if (!run) throw new Error(`no ${SHADOWED}.shadow_run in ${url}`);
  return run;
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
