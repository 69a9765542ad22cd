import { Logger } from '@nestjs/common';
import type { Response } from 'supertest';
import { DataSource, type AfterQueryEvent, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import { eventually, requirePostgresUrl, type ContextTestApp } from '@platform/testing';
import { OrdersModule } from '../src/orders.module';
import { orderBody, post, startOrdersTestApp } from './orders-test-kit';

/**
 * A POST /orders whose database connection dies mid-transaction answers 503 DATABASE.UNAVAILABLE
 * (problem+json, Retry-After) and writes nothing; the same request retried with its
 * Idempotency-Key is then placed once. The connection is ended with pg_terminate_backend, as the
 * fault suite's connection-drop scenario does, but only the request's own session, at the two
 * moments that fail differently: while a statement runs (it fails with SQLSTATE 57P01), and while
 * the transaction is idle between two statements (TypeORM releases its query runner, and the next
 * statement says only "already released"). PostgreSQL only: PGlite is one session, nothing to kill.
 */
const SUITE = 'orders: a connection lost mid-transaction';
const postgres = requirePostgresUrl(SUITE);

interface Written {
  orders: number;
  sagas: number;
  timeline: number;
  outbox: number;
  keys: number;
}

(postgres ? describe : describe.skip)('POST /orders when its database connection dies mid-transaction', () => {
  let t: ContextTestApp;
  let errorLogs: jest.SpyInstance;

  beforeAll(async () => {
    t = await startOrdersTestApp('postgres');
  });

  afterAll(() => t?.close());

  beforeEach(() => {
    errorLogs = jest.spyOn(Logger.prototype, 'error');
  });
  afterEach(() => errorLogs.mockRestore());

  const written = async (): Promise<Written> =>
    (
      await t.db.query(`SELECT (SELECT count(*) FROM orders.orders)::int AS orders,
                               (SELECT count(*) FROM orders.sagas)::int AS sagas,
                               (SELECT count(*) FROM orders.order_timeline)::int AS timeline,
                               (SELECT count(*) FROM orders.outbox)::int AS outbox,
                               (SELECT count(*) FROM orders.idempotency_keys)::int AS keys`)
    )[0] as Written;

  const terminate = async (pid: number): Promise<void> => {
    const [{ ended }] = await t.db.query(`SELECT pg_terminate_backend($1) AS ended`, [pid]);
    if (!ended) throw new Error(`could not terminate backend ${pid}`);
  };

  /** starts the request now; its answer is awaited later (marked handled so a failure waits for that) */
  function send(body: Record<string, unknown>, key: string): Promise<Response> {
    const answer = post(t, body, { 'Idempotency-Key': key }).then((res) => res);
    answer.catch(() => undefined);
    return answer;
  }

  function expectUnavailable(res: Response): void {
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 503,
      body: { type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'DATABASE.UNAVAILABLE' },
    });
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBe('1');
    // a warning, not an error: the platform recovers by itself
    expect(errorLogs).not.toHaveBeenCalled();
  }

  /** the retry a careful client makes: same body, same key; placed once, and only now */
  async function expectRetryPlacesIt(body: Record<string, unknown>, key: string, before: Written): Promise<void> {
    const retried = await post(t, body, { 'Idempotency-Key': key });
    expect({ status: retried.status, body: retried.body }).toMatchObject({ status: 202, body: { status: 'PENDING' } });
    const after = await written();
    expect(after).toMatchObject({ orders: before.orders + 1, sagas: before.sagas + 1, keys: before.keys + 1 });
    const placed = await t.db.query(`SELECT id FROM orders.orders WHERE customer_id = $1`, [body.customerId]);
    expect(placed).toEqual([{ id: retried.body.orderId }]);
  }

  it('answers 503 and writes nothing when the connection is killed under a running statement', async () => {
    // given: the test holds the request's idempotency key in an open transaction, so the
    // request's first statement (its INSERT of the key) waits on it
    const body = orderBody();
    const key = 'lost-under-a-statement';
    const before = await written();
    const holder = t.db.createQueryRunner();
    await holder.startTransaction();
    let answer: Response;
    try {
      await holder.query(
        `INSERT INTO orders.idempotency_keys (key, request_hash, order_id, created_at)
         VALUES ($1, 'held-by-the-test', gen_random_uuid(), now())`,
        [key],
      );
      const [{ pid: holderPid }] = await holder.query(`SELECT pg_backend_pid() AS pid`);
      const pending = send(body, key);
      const [waiting] = await eventually(
        () => t.db.query(`SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, [holderPid]),
        (rows: Array<{ pid: number }>) => rows.length === 1,
        { expected: "the request's INSERT waiting for the key the test holds" },
      );
      // when
      await terminate(waiting.pid);
      answer = await pending;
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    // then
    expectUnavailable(answer);
    expect(await written()).toEqual(before);
    await expectRetryPlacesIt(body, key, before);
  });

  it('answers 503 and writes nothing when the connection is killed between two statements', async () => {
    // given: right after the request's INSERT of its key, while its transaction is idle, the
    // test ends its session and waits until TypeORM has noticed (released the query runner)
    const body = orderBody();
    const key = 'lost-between-statements';
    const before = await written();
    const ordersDataSource = t.app.select(OrdersModule).get(DataSource);
    const killer = new KillAfterStatement(/INSERT INTO orders\.idempotency_keys/, terminate);
    ordersDataSource.subscribers.push(killer);
    let answer: Response;
    try {
      // when
      answer = await send(body, key);
    } finally {
      ordersDataSource.subscribers.splice(ordersDataSource.subscribers.indexOf(killer), 1);
    }
    // then
    expect(killer.killed).toBe(true);
    expectUnavailable(answer);
    expect(await written()).toEqual(before);
    await expectRetryPlacesIt(body, key, before);
  });
});

/**
 * A TypeORM subscriber that, once, after a statement matching `statement` completed, kills that
 * statement's session and holds the transaction until TypeORM has seen the connection die.
 * TypeORM awaits afterQuery before the statement returns to the caller.
 */
class KillAfterStatement implements EntitySubscriberInterface {
  killed = false;

  constructor(
    private readonly statement: RegExp,
    private readonly terminate: (pid: number) => Promise<void>,
  ) {}

  async afterQuery(event: AfterQueryEvent): Promise<void> {
    if (this.killed || !event.success || !this.statement.test(event.query)) return;
    this.killed = true;
    await this.terminate(pidOf(event.queryRunner));
    await eventually(
      () => event.queryRunner.isReleased,
      (released) => released,
      { expected: 'TypeORM to release the query runner whose connection was terminated' },
    );
  }
}

/** the backend pid node-postgres got at connect time (BackendKeyData) */
function pidOf(runner: QueryRunner): number {
  return (runner as unknown as { databaseConnection: { processID: number } }).databaseConnection.processID;
}
