import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres, type DatabaseTarget } from '@platform/database';
import { createTestDatabase, databaseBackends, eventually, type Backend } from '@platform/testing';
import { CONTEXTS, type InvariantResult } from '../../scripts/invariants/check-invariants';
import { checkOneDatabase } from '../../scripts/invariants/check-one-database';
import { formatResults } from '../../scripts/invariants/report';
import { startMonolith, stopGracefully, type Monolith } from './support/monolith-process';
import { orderBody } from './support/order-flow';
import { ADMIN_TOKEN, FAST_FLOW } from './support/running-platform';

/**
 * The single binary killed with SIGKILL while 100 orders are in flight, restarted on the same
 * database, and left to finish: every order accepted (202) before the kill must reach a terminal
 * state, and the invariant checker must find the whole database consistent: nothing lost,
 * nothing charged, reserved, credited or mailed twice, whatever the crash cut in half.
 */
const ORDERS = 100;
const KILL_AFTER_ACCEPTED = 30;
const SPACING_MS = 25;
const CUSTOMERS = Array.from({ length: 4 }, () => randomUUID());
const TERMINAL = new Set(['DELIVERED', 'CANCELLED']);
const CONFIRMED_OR_LATER = new Set(['CONFIRMED', 'SHIPPED', 'DELIVERED']);

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

async function createProduct(m: Monolith, stock: number, priceMinor: number): Promise<string> {
  const sku = `SKU-CRASH-${randomUUID().slice(0, 8).toUpperCase()}`;
  const body = { sku, name: `Crash test ${sku}`, priceMinor, currency: 'EUR', initialStock: stock };
  const response = await fetch(`${m.baseUrl}/admin/products`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`creating ${sku}: ${response.status} ${await response.text()}`);
  // orders learns prices from inventory's events: an order in the wrong currency is refused as a
  // currency mismatch (nothing written) once orders knows the SKU, as an unknown SKU before
  await eventually(
    async () => {
      const probe = orderBody({ lines: [{ sku, quantity: 1 }], currency: 'USD' });
      const refused = await post(m, '/orders', probe);
      return ((await refused.json()) as { code?: string }).code;
    },
    (code) => code === 'ORDER.CURRENCY_MISMATCH',
    { expected: `${sku} in the orders price list` },
  );
  return sku;
}

function post(m: Monolith, path: string, body: unknown): Promise<Response> {
  return fetch(`${m.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** the i-th order of the run: a fifth declined, a third wanting the scarce product */
function nthOrder(i: number, plenty: string, scarce: string) {
  const lines = i % 3 === 0 ? [{ sku: scarce, quantity: 1 + (i % 2) }] : [{ sku: plenty, quantity: 1 + (i % 3) }];
  if (i % 7 === 0) lines.push({ sku: i % 3 === 0 ? plenty : scarce, quantity: 1 });
  return orderBody({
    customerId: CUSTOMERS[i % CUSTOMERS.length],
    lines,
    paymentToken: i % 5 === 0 ? 'tok_decline' : 'tok_visa',
  });
}

/**
 * Fires every order (staggered starts, all in flight together) and SIGKILLs the monolith mid-flight: once `killAfter` were accepted
 * and the API shows some orders confirmed (or shipped) while others are still PENDING, so the kill cuts
 * through placements, saga steps and side effects at once (or, failing that, 30 s in).
 */
async function placeAndKill(m: Monolith, plenty: string, scarce: string, killAfter: number) {
  const accepted: string[] = [];
  const refused: string[] = [];
  const started = Date.now();
  let seen = new Map<string, string>();
  let killedAfterMs: number | undefined;
  const kill = (): void => {
    if (killedAfterMs !== undefined) return;
    killedAfterMs = Date.now() - started;
    m.process.kill('SIGKILL');
  };
  const midFlight = (): boolean => {
    const states = [...seen.values()];
    return accepted.length >= killAfter && states.includes('PENDING') && states.some((s) => CONFIRMED_OR_LATER.has(s));
  };
  const watcher = (async () => {
    while (killedAfterMs === undefined && Date.now() - started < 30_000) {
      seen = await statuses(m).catch(() => seen);
      if (midFlight()) kill();
      await new Promise((done) => setTimeout(done, 200)); // PGlite serves these reads in its one session too
    }
    kill();
  })();
  await Promise.all(
    Array.from({ length: ORDERS }, async (_, i) => {
      // all concurrent, but started over ~2.5 s, so placements are still arriving when sagas confirm
      await new Promise((done) => setTimeout(done, i * SPACING_MS));
      try {
        const response = await post(m, '/orders', nthOrder(i, plenty, scarce));
        const body = (await response.json()) as { orderId?: string };
        if (response.status === 202 && body.orderId) accepted.push(body.orderId);
        else refused.push(`${response.status}`);
      } catch {
        refused.push('connection lost');
      }
    }),
  );
  await watcher;
  return { accepted, refused, killedAfterMs, seenAtKill: tally(seen.values()) };
}

function tally(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** every order of our customers the API knows, accepted or not: its status (and cancel reason) */
async function statuses(m: Monolith): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const customerId of CUSTOMERS) {
    const response = await fetch(`${m.baseUrl}/orders?customerId=${customerId}&limit=100`);
    const page = (await response.json()) as {
      items: Array<{ orderId: string; status: string; cancelReason?: string }>;
    };
    for (const item of page.items) all.set(item.orderId, [item.status, item.cancelReason].filter(Boolean).join(' '));
  }
  return all;
}

const isTerminal = (status: string): boolean => TERMINAL.has(status.split(' ')[0]);

/**
 * Nothing left to publish or to consume, and it stays so for `forMs`: consumer_lag covers a
 * group's topic only once the group has committed there, so a topic first consumed after the
 * restart shows no lag for a moment. Retries back off at most 200 ms here (FAST_FLOW).
 */
async function quietFor(m: Monolith, forMs: number): Promise<void> {
  let quietSince: number | undefined;
  await eventually(
    async () => {
      const series = (await (await fetch(`${m.baseUrl}/metrics`)).text())
        .split('\n')
        .filter((line) => /^(outbox_backlog|consumer_lag)\{/.test(line));
      const quiet = series.some((l) => l.startsWith('consumer_lag')) && series.every((l) => l.endsWith(' 0'));
      quietSince = quiet ? (quietSince ?? Date.now()) : undefined;
      return quietSince !== undefined && Date.now() - quietSince >= forMs;
    },
    (done) => done,
    { expected: `empty outboxes and no consumer lag for ${forMs} ms`, timeoutMs: 60_000, intervalMs: 100 },
  );
}

describe.each(databaseBackends())('a SIGKILL mid-flight in the single binary on %s', (backend: Backend) => {
  let target: DatabaseTarget | undefined;
  let dataDir: string;
  const children: Monolith[] = [];

  beforeAll(async () => {
    target = backend === 'postgres' ? await createTestDatabase('postgres') : undefined;
    dataDir = mkdtempSync(join(tmpdir(), 'crash-mid-flight-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    await Promise.all(children.map((child) => child.exited));
    await target?.release();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes every accepted order after a restart, and every invariant holds', async () => {
    const env: NodeJS.ProcessEnv = {
      ...FAST_FLOW,
      SHIPPING_AUTO_ADVANCE: 'true',
      ORDERS_SAGA_TIMEOUT_MS: '15000', // near a PGlite restart plus catch-up: on a slow machine some orders time out
      INVENTORY_SEED_DEMO: 'false',
      ...(backend === 'postgres' ? { DATABASE_URL: target!.url } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir }),
    };
    const first = await startMonolith(env);
    children.push(first);
    const plenty = await createProduct(first, 1000, 1999);
    const scarce = await createProduct(first, 15, 4999);

    const run = await placeAndKill(first, plenty, scarce, KILL_AFTER_ACCEPTED);
    expect(await first.exited).toBeNull(); // killed, not exited
    const atKill = backend === 'postgres' ? await databaseAtKill(target!.url) : 'PGlite: not opened between runs';
    console.log(
      `${backend}: fired ${ORDERS} concurrent orders (one every ${SPACING_MS} ms); SIGKILL ${run.killedAfterMs} ms in, with ${run.accepted.length} ` +
        `accepted (202) and ${run.refused.length} without a 202 (${[...new Set(run.refused)].join(', ') || '-'}); ` +
        `the API's last view before the kill: ${JSON.stringify(run.seenAtKill)}; the database at the kill: ${atKill}`,
    );

    const restarting = Date.now();
    const second = await startMonolith(env);
    children.push(second);
    const readyAfterMs = Date.now() - restarting;
    const settled = await eventually(
      () => statuses(second),
      (all) => run.accepted.every((id) => all.has(id)) && [...all.values()].every(isTerminal),
      { expected: 'every order DELIVERED or CANCELLED', timeoutMs: 150_000, intervalMs: 500 },
    );
    await quietFor(second, 2_000);
    const caughtUpAfterMs = Date.now() - restarting;
    await stopGracefully(second);

    const results = await checkDatabase(backend, target, dataDir, run.accepted);
    const outcome = tally(settled.values());
    const finished = tally([...settled.values()].map((s) => s.split(' ')[0]));
    console.log(
      `${backend}: ${settled.size} orders exist after the restart (${run.accepted.length} accepted before the kill, ` +
        `${settled.size - run.accepted.length} committed without a 202); ` +
        `the restart was ready in ${readyAfterMs} ms and had caught up ${caughtUpAfterMs} ms in: ${JSON.stringify(outcome)}\n` +
        `errors logged before the kill: ${JSON.stringify(first.errors())}; after: ${JSON.stringify(second.errors())}\n` +
        formatResults(results.invariants),
    );
    expect(results.lostAccepted).toEqual([]);
    expect(results.invariants.filter((r) => !r.ok)).toEqual([]);
    expect((finished.DELIVERED ?? 0) + (finished.CANCELLED ?? 0)).toBe(settled.size);
    expect(finished.CANCELLED).toBeGreaterThan(0); // declined cards at least
  }, 300_000);
});

/** what the kill left behind, read from the PostgreSQL server before the restart */
async function databaseAtKill(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const orders = await client.query('SELECT status, count(*)::int AS n FROM orders.orders GROUP BY 1 ORDER BY 1');
    const outboxes = await client.query(
      CONTEXTS.map(
        (c) => `SELECT '${c}' AS context, count(*)::int AS n FROM ${c}.outbox WHERE published_at IS NULL`,
      ).join(' UNION ALL '),
    );
    const byStatus = orders.rows.map((r: { status: string; n: number }) => `${r.status} ${r.n}`).join(', ');
    const unpublished = outboxes.rows.reduce((sum: number, r: { n: number }) => sum + r.n, 0);
    return `orders ${byStatus || 'none'}; ${unpublished} outbox rows unpublished`;
  } finally {
    await client.end();
  }
}

/** opens the database the children used (PGlite: in this process, now that they are gone) */
async function checkDatabase(
  backend: Backend,
  target: DatabaseTarget | undefined,
  dataDir: string,
  accepted: readonly string[],
): Promise<{ invariants: InvariantResult[]; lostAccepted: string[] }> {
  const embedded = backend === 'pglite' ? await EmbeddedPostgres.start({ dataDir, maxConnections: 4 }) : undefined;
  try {
    const { invariants, lost } = await checkOneDatabase(embedded?.url ?? target!.url, accepted);
    return { invariants, lostAccepted: lost };
  } finally {
    await embedded?.stop();
  }
}
