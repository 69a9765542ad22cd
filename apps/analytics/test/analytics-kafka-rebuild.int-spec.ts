import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '@platform/database';
import {
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  OrderPlacedV1Contract,
  ShipmentDeliveredV1Contract,
  ShipmentDispatchedV1Contract,
} from '@platform/events';
import {
  createTestDatabase,
  eventually,
  kafkaTestBrokers,
  kafkaTestEnv,
  publishEvent,
  requirePostgresUrl,
  startPlatformApp,
} from '@platform/testing';
import { AnalyticsModule } from '../src/analytics.module';
import { cancelled, confirmed, delivered, dispatched, placed, type OrderSpec } from './analytics-test-kit';

/**
 * `npm run analytics:rebuild` on Kafka (the mock cluster) and PostgreSQL: the live analytics
 * consumer builds the numbers, is stopped, the CLI rebuilds them (everything, then --from a
 * time) and hands the live group over; the restarted consumer carries on after what was
 * replayed, applying nothing from before the switch again and missing nothing after it.
 */
const SUITE = 'analytics rebuild on Kafka';
const execFileAsync = promisify(execFile);
const REPOSITORY = resolve(__dirname, '../../..');
const REBUILD_MAIN = 'apps/analytics/src/rebuild/main.ts';

const brokers = kafkaTestBrokers(SUITE);
const postgres = requirePostgresUrl(SUITE);

const order = (sku: string, quantity: number): OrderSpec => ({
  orderId: randomUUID(),
  currency: 'EUR',
  lines: [{ sku, quantity, unitPriceMinor: 1000 }],
});

interface FactRow {
  order_id: string;
  status: string;
  total_minor: string | null;
}

(brokers && postgres ? describe : describe.skip)('analytics rebuild from Kafka (PostgreSQL, mock cluster)', () => {
  let target: DatabaseTarget;
  let db: DataSource;
  let env: NodeJS.ProcessEnv;
  let live: INestApplication | undefined;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    env = { ...kafkaTestEnv(brokers!), DATABASE_URL: target.url, LOG_LEVEL: 'warn' };
    db = new DataSource({ type: 'postgres', url: target.url });
    await db.initialize();
  });

  afterAll(async () => {
    await live?.close();
    await db?.destroy();
    await target?.release();
    process.env = savedEnv;
  });

  /** the analytics deployable on Kafka (HTTP + its consumer), on the suite's database */
  async function startLive(): Promise<INestApplication> {
    Object.assign(process.env, env);
    return startPlatformApp([AnalyticsModule]);
  }

  async function stopLive(): Promise<void> {
    await live?.close(); // finishes and commits what is in flight, leaves the group
    live = undefined;
  }

  /** an order's events as the orders and shipping contexts publish them (through the Kafka producer) */
  async function produce(
    app: INestApplication,
    o: OrderSpec,
    fate: 'delivered' | 'cancelled' | 'placed',
  ): Promise<void> {
    await publishEvent(app, OrderPlacedV1Contract, placed(o, '2026-11-20T09:00:00Z'));
    if (fate === 'placed') return;
    await publishEvent(app, OrderConfirmedV1Contract, confirmed(o, '2026-11-20T10:00:00Z'));
    if (fate === 'cancelled')
      return void (await publishEvent(app, OrderCancelledV1Contract, cancelled(o, '2026-11-20T11:00:00Z', true)));
    await publishEvent(app, ShipmentDispatchedV1Contract, dispatched(o, '2026-11-20T12:00:00Z'));
    await publishEvent(app, ShipmentDeliveredV1Contract, delivered(o, '2026-11-21T12:00:00Z'));
  }

  const facts = (): Promise<FactRow[]> =>
    db.query(`SELECT order_id, status, total_minor FROM analytics.order_facts ORDER BY order_id`);
  const allFacts = (): Promise<unknown[]> => db.query(`SELECT * FROM analytics.order_facts ORDER BY order_id`);
  const idsOf = (rows: FactRow[]): string[] => rows.map((r) => r.order_id).sort();

  const factsFor = (orders: OrderSpec[], expected: string): Promise<FactRow[]> =>
    eventually(facts, (rows) => orders.every((o) => rows.some((r) => r.order_id === o.orderId)), {
      expected,
      timeoutMs: 30_000,
    });

  const rebuild = (args: string[] = []): Promise<{ stdout: string; stderr: string }> =>
    execFileAsync(process.execPath, ['-r', '@swc-node/register', REBUILD_MAIN, ...args], {
      cwd: REPOSITORY,
      env: { ...process.env, ...env, DATABASE_POOL_SIZE: '2' }, // PostgreSQL's 100 connections are shared
      timeout: 90_000,
    });

  const before = [order('SKU-A', 2), order('SKU-B', 1), order('SKU-C', 3)];
  const after = [order('SKU-A', 1), order('SKU-D', 4)];
  let liveRows: unknown[];

  it('counts orders live, then refuses to rebuild while the live consumer runs', async () => {
    live = await startLive();
    await produce(live, before[0], 'delivered');
    await produce(live, before[1], 'cancelled');
    await produce(live, before[2], 'placed');
    await eventually(
      async () => (await request(live!.getHttpServer()).get('/analytics/funnel').expect(200)).body,
      (f) =>
        JSON.stringify(f) === JSON.stringify({ placed: 3, confirmed: 2, dispatched: 1, delivered: 1, cancelled: 1 }),
      { expected: 'the live funnel of the first three orders', timeoutMs: 30_000 },
    );
    const refused = await rebuild().then(
      () => undefined,
      (error: { stderr: string }) => error.stderr,
    );
    // joined beside the live member (partitions shared), or its join was refused amid the rebalance
    expect(refused).toMatch(
      /(has other members|joining the consumer group \S+ failed).*stop the live consumer before a replay/,
    );
    expect(idsOf(await facts())).toEqual(idsOf(before.map((o) => ({ order_id: o.orderId }) as FactRow)));
  }, 120_000);

  it('rebuilds from the beginning the numbers the live consumer had, with progress and lag', async () => {
    const earlyCutoff = new Date(); // every record so far is older: used by the --from test below
    await produce(live!, after[0], 'delivered');
    await produce(live!, after[1], 'placed');
    await factsFor([...before, ...after], 'the live consumer to have all five orders');
    await eventually(
      async () => (await request(live!.getHttpServer()).get('/analytics/funnel').expect(200)).body,
      (f) =>
        JSON.stringify(f) === JSON.stringify({ placed: 5, confirmed: 3, dispatched: 2, delivered: 2, cancelled: 1 }),
      { expected: 'the live funnel of all five orders', timeoutMs: 30_000 },
    );
    liveRows = await allFacts();
    await stopLive();
    await db.query(`UPDATE analytics.order_facts SET status = 'CANCELLED'`); // garbage the rebuild must replace

    const { stdout, stderr } = await rebuild();
    // on a pipe the bar prints its first and its last line: 13 events, none read yet, then all
    expect(stderr).toMatch(/\]\s+0\/13\s+0\.0% 0 events\/s lag 13\n/);
    expect(stderr).toMatch(/\] 13\/13 100\.0% \d+ events\/s lag 0\n/);
    expect(stdout).toMatch(/rebuilt from Kafka: 13 event\(s\) projected, 0 skipped, 13 read from 20 partition\(s\)/);
    expect(await allFacts()).toEqual(liveRows);
    cutoff = earlyCutoff;
  }, 120_000);

  let cutoff: Date;

  it('rebuilds --from a time with only the later events, and the live consumer resumes after the replay', async () => {
    const { stdout } = await rebuild(['--from', cutoff.toISOString()]);
    expect(stdout).toMatch(/from Kafka from .*: 5 event\(s\) projected, 8 skipped, 13 read/);
    expect(idsOf(await facts())).toEqual(after.map((o) => o.orderId).sort());

    // the live consumer's inbox would hide a re-read of old events: empty it, so any shows as a row
    await db.query(`TRUNCATE analytics.inbox`);
    const later = order('SKU-E', 5);
    live = await startLive();
    await produce(live, later, 'delivered');
    const rows = await factsFor([...after, later], 'the restarted consumer to add the order placed after the switch');
    // nothing from before the switch applied again (the first three orders stay out), nothing after it missed
    expect(idsOf(rows)).toEqual([...after, later].map((o) => o.orderId).sort());
    // exactly the four events of the order produced after the switch went through the live consumer
    const handled = (): Promise<number> =>
      db.query(`SELECT count(*)::int AS n FROM analytics.inbox`).then((r: Array<{ n: number }>) => r[0].n);
    await eventually(handled, (n) => n >= 4, { expected: 'the four events of the later order handled' });
    expect(await handled()).toBe(4);
    const top = (await request(live.getHttpServer()).get('/analytics/top-products').expect(200)).body;
    expect(top).toEqual({
      products: [
        { sku: 'SKU-E', units: 5 },
        { sku: 'SKU-A', units: 1 },
      ],
    });
  }, 120_000);
});
