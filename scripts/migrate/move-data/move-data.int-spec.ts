import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openContextDataSource, type DatabaseTarget } from '@platform/database';
import { createTestDatabase, requirePostgresUrl } from '@platform/testing';
import { migrationsOf } from './context-schemas';
import { moveData, type MoveDataHooks, type MoveDataOptions } from './move-data';

const SUITE = 'migrate move-data between two PostgreSQL databases';
const postgres = requirePostgresUrl(SUITE);
const ROOT = resolve(__dirname, '../../..');

/** the command's output, and its exit code */
async function move(options: MoveDataOptions, hooks?: MoveDataHooks, context = 'payments') {
  const lines: string[] = [];
  const code = await moveData(context, options, { out: (t) => lines.push(t), err: (t) => lines.push(t) }, hooks);
  return { code, output: lines.join('\n') };
}

/** the command as a process, through the test entry (as `npm run migrate -- move-data ...` runs it) */
function spawnMove(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/migrate/move-data.entry.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, output })));
}

/** payments' schema on `url`, as the platform creates it, with rows in every kind of table */
async function seedPayments(url: string): Promise<void> {
  const ds = await openPayments(url);
  try {
    await ds.query(`
      INSERT INTO payments.payment (order_id, customer_id, amount_minor, currency, status, authorization_id, created_at, updated_at)
      SELECT gen_random_uuid(), 'c-' || i, 100 * i, 'EUR', 'AUTHORIZED', 'auth-' || i, now(), now()
        FROM generate_series(1, 40) AS i`);
    await ds.query(`
      INSERT INTO payments.processor_calls (operation, order_id, amount_minor, outcome)
      SELECT 'authorize', order_id, amount_minor, 'approved' FROM payments.payment`);
    await ds.query(`
      INSERT INTO payments.inbox (consumer_group, event_id) SELECT 'payments', gen_random_uuid() FROM generate_series(1, 60)`);
    // published rows, and pending ones written by a transaction id far ahead of the target's counter
    await ds.query(`
      INSERT INTO payments.outbox (lane, event_id, topic, msg_key, headers, payload, published_at, tx)
      SELECT i % 4, gen_random_uuid(), 'payments.payment-authorized.v1', 'k' || i, '{"a":"b"}', '\\x00ff',
             CASE WHEN i <= 20 THEN now() END, CASE WHEN i <= 20 THEN pg_current_xact_id() ELSE '999999999999'::xid8 END
        FROM generate_series(1, 25) AS i`);
  } finally {
    await ds.destroy();
  }
}

function openPayments(url: string): Promise<DataSource> {
  return openContextDataSource(
    { url, embedded: false, release: async () => undefined },
    { context: 'payments', migrations: migrationsOf('payments'), poolSize: 1 },
  );
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const countsSql = `SELECT (SELECT count(*) FROM payments.payment)::int AS payment,
  (SELECT count(*) FROM payments.processor_calls)::int AS calls, (SELECT count(*) FROM payments.inbox)::int AS inbox,
  (SELECT count(*) FROM payments.outbox)::int AS outbox`;

(postgres ? describe : describe.skip)(SUITE, () => {
  let a: DatabaseTarget;
  let b: DatabaseTarget;

  beforeEach(async () => {
    [a, b] = await Promise.all([createTestDatabase('postgres'), createTestDatabase('postgres')]);
    await seedPayments(a.url);
  });

  afterEach(async () => {
    await Promise.all([a.release(), b.release()]);
  });

  it('copies every table into a schema made by the migrations, verifies it, and prints the setting; and back with --force', async () => {
    // when
    const there = await move({ from: a.url, to: b.url });
    // then
    expect(there.code).toBe(0);
    expect(there.output).toMatch(/processor_calls +40 +40 +[0-9a-f]{32} +yes/);
    expect(there.output).toMatch(/outbox +25 +25 +[0-9a-f]{32} +yes/);
    expect(there.output).not.toMatch(/ NO$/m);
    expect(there.output).toContain(`PAYMENTS_DATABASE_URL=${b.url}`);
    expect(there.output).toMatch(/pause: payments had to stay stopped for \d+\.\d\d s/);
    expect(await query(b.url, countsSql)).toEqual([{ payment: 40, calls: 40, inbox: 60, outbox: 25 }]);
    expect(await query(b.url, 'SELECT name FROM payments.migrations ORDER BY id')).toEqual(
      await query(a.url, 'SELECT name FROM payments.migrations ORDER BY id'),
    );
    // the relay can publish the pending rows on the target at once, and new ids follow the copied ones
    const [pending] = await query<{ n: number; safe: boolean }>(
      b.url,
      `SELECT count(*)::int AS n, bool_and(tx < pg_snapshot_xmin(pg_current_snapshot())) AS safe
         FROM payments.outbox WHERE published_at IS NULL`,
    );
    expect(pending).toEqual({ n: 5, safe: true });
    const [next] = await query<{ id: string }>(
      b.url,
      `INSERT INTO payments.processor_calls (operation, order_id, outcome) VALUES ('void', gen_random_uuid(), 'ok') RETURNING id::text`,
    );
    expect(Number(next.id)).toBe(41);

    // moving back: A still holds the old copy, so only --force replaces it
    const refused = await move({ from: b.url, to: a.url });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('already holds 165 row(s)');
    const back = await move({ from: b.url, to: a.url, force: true });
    expect(back.code).toBe(0);
    expect(await query(a.url, countsSql)).toEqual([{ payment: 40, calls: 41, inbox: 60, outbox: 25 }]);
  });

  it('--dry-run prints the plan and changes nothing on either side', async () => {
    const before = await query(a.url, countsSql);
    const plan = await move({ from: a.url, to: b.url, dryRun: true });
    expect(plan.code).toBe(0);
    expect(plan.output).toMatch(/processor_calls +40\n/);
    expect(plan.output).toContain('target: no schema payments yet');
    expect(plan.output).toContain('dry run: nothing was changed');
    expect(await query(b.url, `SELECT nspname FROM pg_namespace WHERE nspname = 'payments'`)).toEqual([]);
    expect(await query(a.url, countsSql)).toEqual(before);
  });

  it('a copy that does not verify exits 1 and leaves nothing on the target', async () => {
    // given: a row lost on the target between the copy and its verification
    const corrupt: MoveDataHooks = {
      afterCopy: async (target) =>
        void (await target.query('DELETE FROM payments.inbox WHERE ctid IN (SELECT ctid FROM payments.inbox LIMIT 1)')),
    };
    // when
    const result = await move({ from: a.url, to: b.url }, corrupt);
    // then
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/inbox +60 +59 +[0-9a-f]{32} +NO/);
    expect(result.output).toContain('the copy does not match the source; nothing was committed');
    expect(result.output).not.toContain('PAYMENTS_DATABASE_URL=');
    expect(await query(b.url, countsSql)).toEqual([{ payment: 0, calls: 0, inbox: 0, outbox: 0 }]);
  });

  it('refuses while the context runs on the source, before touching the target', async () => {
    // given: a session the way the platform names a context's connections
    const running = new Client({ connectionString: a.url, application_name: 'order-platform:payments' });
    await running.connect();
    try {
      // when
      const result = await move({ from: a.url, to: b.url });
      // then
      expect(result.code).toBe(1);
      expect(result.output).toContain('payments is running on the source database: 1 session(s)');
      expect(await query(b.url, `SELECT nspname FROM pg_namespace WHERE nspname = 'payments'`)).toEqual([]);
    } finally {
      await running.end();
    }
  });

  it('as a process: --help exits 0; wrong usage, the messaging log or an unreachable database exit 2', async () => {
    const [messaging, missing, unreachable, malformed, help] = await Promise.all([
      spawnMove(['messaging', '--from', a.url, '--to', b.url]),
      spawnMove(['payments', '--from', a.url]),
      spawnMove(['payments', '--from', a.url, '--to', 'postgres://postgres@127.0.0.1:1/none']),
      spawnMove(['payments', '--from', a.url, '--to', 'postgres://[nope']),
      spawnMove(['--help']),
    ]);
    expect(messaging).toEqual({ code: 2, output: expect.stringContaining("the in-process transport's shared log") });
    expect(missing).toEqual({ code: 2, output: expect.stringContaining("required option '--to <url>'") });
    expect(unreachable).toEqual({ code: 2, output: expect.stringContaining('cannot connect to the target') });
    expect(help).toEqual({ code: 0, output: expect.stringContaining('Exit status: 0 moved') });
    expect(malformed).toEqual({ code: 2, output: expect.stringContaining('--to must be a postgres:// URL') });
  }, 30_000);
});
