import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { openContextDataSource, TransactionRunner, type DatabaseTarget } from '@platform/database';
import { PlatformMetrics } from '@platform/observability';
import { createTestDatabase, databaseBackends, eventually, type Backend } from '@platform/testing';
import {
  DeadLetterOperations1764000000010,
  DeadLetterRetention1764000000011,
  deadLetterRetention,
} from '@platform/dead-letters';
import { recordInInbox } from '../pipeline/inbox';
import { PlatformInbox1764000000001 } from '../pipeline/inbox.migration';
import { inboxRetention } from './inbox-retention';
import type { RetentionJob } from './retention-job';
import { RetentionSweeper } from './retention-sweeper';

const SCHEMA = 'retained';
const GROUP = 'retained';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const INBOX_RETENTION_MS = 720 * HOUR_MS;
const DEAD_LETTER_RETENTION_MS = 30 * DAY_MS;

describe.each(databaseBackends())('retention on %s', (backend: Backend) => {
  let target: DatabaseTarget;
  let db: DataSource;
  let registry: Registry;
  let metrics: PlatformMetrics;
  const sweepers: RetentionSweeper[] = [];

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    db = await openContextDataSource(target, {
      context: SCHEMA,
      migrations: [PlatformInbox1764000000001, DeadLetterOperations1764000000010, DeadLetterRetention1764000000011],
    });
  });

  beforeEach(() => {
    registry = new Registry();
    metrics = new PlatformMetrics(registry);
  });

  afterEach(async () => {
    await Promise.all(sweepers.splice(0).map((sweeper) => sweeper.stop()));
    await db.query(`TRUNCATE ${SCHEMA}.inbox, ${SCHEMA}.dead_letters`);
  });

  afterAll(async () => {
    await db?.destroy();
    await target?.release();
  });

  function sweeper(jobs: readonly RetentionJob[], batchSize = 1000, intervalMs = 60_000): RetentionSweeper {
    const created = new RetentionSweeper(db, SCHEMA, jobs, { batchSize, intervalMs }, metrics);
    sweepers.push(created);
    return created;
  }

  /** `count` inbox rows handled `ageMs` ago; returns their event ids */
  async function handledAgo(ageMs: number, count = 1): Promise<string[]> {
    const rows: Array<{ event_id: string }> = await db.query(
      `INSERT INTO ${SCHEMA}.inbox (consumer_group, event_id, processed_at)
       SELECT $1, gen_random_uuid(), clock_timestamp() - $2::bigint * interval '1 millisecond'
         FROM generate_series(1, $3) RETURNING event_id`,
      [GROUP, ageMs, count],
    );
    return rows.map((row) => row.event_id);
  }

  const inboxCount = async (): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.inbox`))[0].n;

  async function deletedMetric(table: string): Promise<number | undefined> {
    const metric = await registry.getSingleMetric('retention_deleted_rows_total')?.get();
    return metric?.values.find((v) => v.labels.context === SCHEMA && v.labels.table === table)?.value;
  }

  /** a dead letter named by its error code; settled `settledAgoMs` ago unless pending */
  async function letter(
    name: string,
    status: 'pending' | 'resolved' | 'redriven' | 'discarded',
    settledAgoMs: number | null,
    redrivenFrom: string | null = null,
  ): Promise<string> {
    const [row]: Array<{ id: string }> = await db.query(
      `INSERT INTO ${SCHEMA}.dead_letters (consumer_group, topic, headers, value, error_code, error_message, attempts,
         first_failed_at, last_failed_at, status, resolved_at, resolution, redriven_from)
       VALUES ($1, 'test.topic.v1', '{}', '\\x00', $2, 'boom', 1, now() - interval '400 days',
         now() - interval '400 days', $3,
         CASE WHEN $4::bigint IS NULL THEN NULL ELSE clock_timestamp() - $4::bigint * interval '1 millisecond' END,
         CASE WHEN $3 = 'pending' THEN NULL ELSE 'settled by the test' END, $5)
       RETURNING id::text AS id`,
      [GROUP, name, status, settledAgoMs, redrivenFrom],
    );
    return row.id;
  }

  const letterNames = async (): Promise<string[]> =>
    (await db.query(`SELECT error_code FROM ${SCHEMA}.dead_letters ORDER BY error_code`)).map(
      (row: { error_code: string }) => row.error_code,
    );

  it('deletes inbox rows older than the retention in several batches, and keeps the younger ones', async () => {
    // given: more expired rows than two batches hold, and rows just inside the retention
    await handledAgo(INBOX_RETENTION_MS + HOUR_MS, 2500);
    const young = await handledAgo(INBOX_RETENTION_MS - HOUR_MS, 10);
    // when
    const runs = await sweeper([inboxRetention(INBOX_RETENTION_MS)], 1000).runOnce();
    // then
    expect(runs).toEqual([{ table: 'inbox', deleted: 2500, batches: 3 }]);
    const left: Array<{ event_id: string }> = await db.query(`SELECT event_id FROM ${SCHEMA}.inbox`);
    expect(left.map((row) => row.event_id).sort()).toEqual([...young].sort());
    expect(await deletedMetric('inbox')).toBe(2500);
  });

  it('records an event again once its inbox row was deleted; a remembered one stays a duplicate', async () => {
    // given
    const [forgotten] = await handledAgo(INBOX_RETENTION_MS + HOUR_MS);
    const [remembered] = await handledAgo(HOUR_MS);
    await sweeper([inboxRetention(INBOX_RETENTION_MS)]).runOnce();
    // when: both are delivered again
    const recorded = await new TransactionRunner(db).run(async (tx) => ({
      forgotten: await recordInInbox(tx, SCHEMA, GROUP, forgotten),
      remembered: await recordInInbox(tx, SCHEMA, GROUP, remembered),
    }));
    // then: the forgotten one would be handled again (so handlers of older redeliveries must be idempotent)
    expect(recorded).toEqual({ forgotten: true, remembered: false });
    const rows: Array<{ event_id: string }> = await db.query(
      `SELECT event_id FROM ${SCHEMA}.inbox WHERE consumer_group = $1 ORDER BY event_id`,
      [GROUP],
    );
    expect(rows.map((row) => row.event_id)).toEqual([forgotten, remembered].sort());
  });

  it('deletes settled dead letters past their retention, never a pending one, and keeps chains to a pending letter', async () => {
    // given
    const old = DEAD_LETTER_RETENTION_MS + DAY_MS;
    await letter('pending-400-days-old', 'pending', null);
    await letter('resolved-31-days-ago', 'resolved', old);
    await letter('discarded-31-days-ago', 'discarded', old);
    await letter('resolved-29-days-ago', 'resolved', DEAD_LETTER_RETENTION_MS - DAY_MS);
    await letter('discarded-just-now', 'discarded', 0);
    // a re-drive that failed again, then one that succeeded: both settled long ago
    const first = await letter('chain-done-1-redriven', 'redriven', old + 10 * DAY_MS);
    await letter('chain-done-2-resolved', 'resolved', old, first);
    // a re-drive that failed again, twice, and whose newest letter still waits
    const older = await letter('chain-open-1-redriven', 'redriven', old + 10 * DAY_MS);
    const newer = await letter('chain-open-2-redriven', 'redriven', old, older);
    await letter('chain-open-3-pending', 'pending', null, newer);
    // when
    const runs = await sweeper([deadLetterRetention(SCHEMA, DEAD_LETTER_RETENTION_MS)]).runOnce();
    // then: a finished chain goes from its newest end within one run
    expect(runs).toEqual([{ table: 'dead_letters', deleted: 4, batches: 2 }]);
    expect(await letterNames()).toEqual([
      'chain-open-1-redriven',
      'chain-open-2-redriven',
      'chain-open-3-pending',
      'discarded-just-now',
      'pending-400-days-old',
      'resolved-29-days-ago',
    ]);
    expect(await deletedMetric('dead_letters')).toBe(4);
  });

  it('logs a failing job and still runs the others', async () => {
    // given
    await handledAgo(INBOX_RETENTION_MS + HOUR_MS, 3);
    const broken: RetentionJob = { table: 'no_such_table', retentionMs: HOUR_MS, agedBy: 'at' };
    // when
    const runs = await sweeper([broken, inboxRetention(INBOX_RETENTION_MS)]).runOnce();
    // then
    expect(runs).toEqual([
      { table: 'no_such_table', deleted: 0, batches: 0, error: expect.stringContaining('no_such_table') as string },
      { table: 'inbox', deleted: 3, batches: 1 },
    ]);
  });

  it('runs on its own timer once started, and stops', async () => {
    // given
    const expired = await handledAgo(INBOX_RETENTION_MS + HOUR_MS, 5);
    await handledAgo(HOUR_MS, 2);
    const timed = sweeper([inboxRetention(INBOX_RETENTION_MS)], 2, 50);
    // when
    timed.start();
    // then
    await eventually(inboxCount, (n) => n === 2, { expected: `the ${expired.length} expired inbox rows deleted` });
    await timed.stop();
    expect(await deletedMetric('inbox')).toBe(5);
  });

  it('deletes nothing from an empty or young table', async () => {
    // given
    await handledAgo(HOUR_MS, 3);
    await letter(`pending-${randomUUID()}`, 'pending', null);
    // when
    const runs = await sweeper([
      inboxRetention(INBOX_RETENTION_MS),
      deadLetterRetention(SCHEMA, DEAD_LETTER_RETENTION_MS),
    ]).runOnce();
    // then
    expect(runs).toEqual([
      { table: 'inbox', deleted: 0, batches: 0 },
      { table: 'dead_letters', deleted: 0, batches: 0 },
    ]);
    expect(await inboxCount()).toBe(3);
    expect(await deletedMetric('inbox')).toBeUndefined();
  });
});
