import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { databaseBackends, eventually, type ContextTestApp } from '@platform/testing';
import { IdempotencyKeyRepository } from '../src/persistence/idempotency-key.repository';
import { orderBody, post, TEE, startOrdersTestApp } from './orders-test-kit';

// Retention in the orders deployable (docs/adr/0014): Idempotency-Keys expire after
// ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS (1 h here), and the jobs that ContextModule attaches to every
// context delete expired keys, old inbox rows and settled dead letters. Rows are aged by moving their
// timestamps back, never by waiting; the jobs run every 100 ms here.

describe.each(databaseBackends())('orders retention on %s', (backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startOrdersTestApp(backend, {
      ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS: '1',
      RETENTION_INTERVAL_MS: '100',
    });
  });

  afterAll(() => t?.close());

  const countOrders = async (customerId: unknown): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM orders.orders WHERE customer_id = $1`, [customerId]))[0].n;

  const age = (key: string, interval: string): Promise<unknown> =>
    t.db.query(`UPDATE orders.idempotency_keys SET created_at = created_at - $2::interval WHERE key = $1`, [
      key,
      interval,
    ]);

  /** retention_deleted_rows_total of the orders context from /metrics (the registry is per process: at least) */
  async function deletedRows(table: string): Promise<number> {
    const text = (await request(t.app.getHttpServer()).get('/metrics').expect(200)).text;
    return text
      .split('\n')
      .filter((line) => line.startsWith('retention_deleted_rows_total{'))
      .filter((line) => line.includes('context="orders"') && line.includes(`table="${table}"`))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  const keyRow = async (key: string): Promise<Array<{ order_id: string }>> =>
    t.db.query(`SELECT order_id FROM orders.idempotency_keys WHERE key = $1`, [key]);

  it('places a new order for a key used again after its retention, then answers replays with that one', async () => {
    // given
    const body = orderBody();
    const key = `retry-${randomUUID()}`;
    const first = await post(t, body, { 'Idempotency-Key': key }).expect(202);
    await age(key, '2 hours');
    // when
    const again = await post(t, body, { 'Idempotency-Key': key }).expect(202);
    const replay = await post(t, body, { 'Idempotency-Key': key }).expect(202);
    // then
    expect(again.body.orderId).not.toBe(first.body.orderId);
    expect(replay.body).toEqual(again.body);
    expect(await countOrders(body.customerId)).toBe(2);
    expect(await keyRow(key)).toEqual([{ order_id: again.body.orderId }]);
  });

  it('places a new order for an expired key sent with another body, instead of refusing it (422)', async () => {
    // given
    const body = orderBody();
    const key = `reuse-${randomUUID()}`;
    await post(t, body, { 'Idempotency-Key': key }).expect(202);
    await age(key, '2 hours');
    // when
    const other = await post(t, { ...body, lines: [{ sku: TEE.sku, quantity: 3 }] }, { 'Idempotency-Key': key });
    // then
    expect(other.status).toBe(202);
    expect(await countOrders(body.customerId)).toBe(2);
  });

  it('still answers with the first order while the key is younger than its retention', async () => {
    // given
    const body = orderBody();
    const key = `young-${randomUUID()}`;
    const expiredKey = `expired-${randomUUID()}`;
    const first = await post(t, body, { 'Idempotency-Key': key }).expect(202);
    await post(t, orderBody(), { 'Idempotency-Key': expiredKey }).expect(202);
    await age(key, '50 minutes');
    await age(expiredKey, '61 minutes');
    // when: the retention job has run past both
    await eventually(
      () => keyRow(expiredKey),
      (rows) => rows.length === 0,
      { expected: `the expired key ${expiredKey} deleted by the retention job` },
    );
    const replay = await post(t, body, { 'Idempotency-Key': key }).expect(202);
    // then
    expect(await keyRow(key)).toEqual([{ order_id: first.body.orderId }]);
    expect(replay.body).toEqual(first.body);
    expect(await countOrders(body.customerId)).toBe(1);
    expect(await deletedRows('idempotency_keys')).toBeGreaterThanOrEqual(1);
  });

  it('takes over an expired key row that the job has not deleted yet, and never a live one', async () => {
    // given: rows only this transaction sees, so the retention job cannot delete them first
    const now = new Date();
    const expiredBefore = new Date(now.getTime() - 3_600_000);
    const [expiredOrder, liveOrder, newOrder] = [randomUUID(), randomUUID(), randomUUID()];
    const claimed = await t.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO orders.idempotency_keys (key, request_hash, order_id, created_at)
         VALUES ('tx-expired', 'h1', $1, $3::timestamptz - interval '61 minutes'),
                ('tx-live', 'h1', $2, $3::timestamptz - interval '59 minutes')`,
        [expiredOrder, liveOrder, now],
      );
      const claimed = await new IdempotencyKeyRepository().claimAll(
        manager,
        ['tx-live', 'tx-expired'].map((key) => ({ key, requestHash: 'h2', orderId: newOrder })),
        now,
        expiredBefore,
      );
      return {
        expired: claimed.has('tx-expired'),
        live: claimed.has('tx-live'),
        rows: await manager.query(
          `SELECT key, request_hash, order_id FROM orders.idempotency_keys WHERE key LIKE 'tx-%' ORDER BY key`,
        ),
      };
    });
    // then
    expect(claimed).toEqual({
      expired: true,
      live: false,
      rows: [
        { key: 'tx-expired', request_hash: 'h2', order_id: newOrder },
        { key: 'tx-live', request_hash: 'h1', order_id: liveOrder },
      ],
    });
  });

  it('deletes old inbox rows and settled dead letters of the orders context, and keeps a pending letter', async () => {
    // given: two handled product updates (the kit's price list) aged past INBOX_RETENTION_HOURS (720)
    const aged: Array<{ event_id: string }> = await t.db.query(
      `UPDATE orders.inbox SET processed_at = processed_at - interval '721 hours'
        WHERE event_id IN (SELECT event_id FROM orders.inbox ORDER BY processed_at LIMIT 2) RETURNING event_id`,
    );
    const kept: Array<{ event_id: string }> = await t.db.query(
      `SELECT event_id FROM orders.inbox WHERE processed_at > now() - interval '1 hour'`,
    );
    // and letters settled 31 days ago, or pending for 400 days
    await t.db.query(
      `INSERT INTO orders.dead_letters (consumer_group, topic, headers, value, error_code, error_message, attempts,
         first_failed_at, last_failed_at, status, resolved_at, resolution)
       VALUES ('orders', 't.v1', '{}', '\\x00', 'OLD.RESOLVED', 'm', 1, now() - interval '40 days',
               now() - interval '40 days', 'resolved', now() - interval '31 days', 're-driven: handled'),
              ('orders', 't.v1', '{}', '\\x00', 'OLD.DISCARDED', 'm', 1, now() - interval '40 days',
               now() - interval '40 days', 'discarded', now() - interval '31 days', 'test data'),
              ('orders', 't.v1', '{}', '\\x00', 'OLD.PENDING', 'm', 1, now() - interval '400 days',
               now() - interval '400 days', 'pending', NULL, NULL)`,
    );
    // when / then
    await eventually(
      async () => ({
        inbox: await t.db.query(`SELECT event_id FROM orders.inbox WHERE event_id = ANY($1::uuid[])`, [
          aged.map((row) => row.event_id),
        ]),
        letters: await t.db.query(`SELECT error_code FROM orders.dead_letters WHERE error_code LIKE 'OLD.%'`),
      }),
      ({ inbox, letters }) => inbox.length === 0 && letters.length === 1,
      { expected: 'the aged inbox rows and the settled letters deleted, the pending letter kept' },
    );
    expect(aged).toHaveLength(2);
    const still: Array<{ event_id: string }> = await t.db.query(
      `SELECT event_id FROM orders.inbox WHERE event_id = ANY($1::uuid[])`,
      [kept.map((row) => row.event_id)],
    );
    expect(still).toHaveLength(kept.length);
    expect(await t.db.query(`SELECT error_code, status FROM orders.dead_letters`)).toEqual([
      { error_code: 'OLD.PENDING', status: 'pending' },
    ]);
    expect(await deletedRows('inbox')).toBeGreaterThanOrEqual(2);
    expect(await deletedRows('dead_letters')).toBeGreaterThanOrEqual(2);
  });
});
