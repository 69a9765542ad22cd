import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { openContextDataSource, type DatabaseTarget } from '@platform/database';
import { createShadowRunTableSql, writeShadowRun } from '@platform/messaging';
import { createTestDatabase, requirePostgresUrl } from '@platform/testing';
import { migrationsOf } from '../move-data/context-schemas';
import { livePendingOutbox, promote, readPromotion, splitShadowOutbox } from './shadow-promotion';

const SUITE = "the cut-over's promotion of a shadow database";
const postgres = requirePostgresUrl(SUITE);
const CONTEXT = 'payments'; // a context whose handlers publish events

/**
 * The shadow database's side of a cut-over (ADR 0023) on two PostgreSQL databases with payments'
 * real schema: of the shadow's own pending outbox rows, those caused by an input the live context
 * processed are suppressed (the live published their equivalents: published twice otherwise),
 * the others released for the new deployment's relay (lost otherwise).
 */
(postgres ? describe : describe.skip)(SUITE, () => {
  let liveDb: DatabaseTarget;
  let shadowDb: DatabaseTarget;
  const live = () => new Client({ connectionString: liveDb.url });
  let l: Client;
  let s: Client;

  beforeAll(async () => {
    [liveDb, shadowDb] = await Promise.all([createTestDatabase('postgres'), createTestDatabase('postgres')]);
    for (const url of [liveDb.url, shadowDb.url]) {
      const ds = await openContextDataSource(
        { url, embedded: false, release: async () => undefined },
        { context: CONTEXT, migrations: migrationsOf(CONTEXT), poolSize: 1 },
      );
      await ds.destroy();
    }
    [l, s] = [live(), new Client({ connectionString: shadowDb.url })];
    await Promise.all([l.connect(), s.connect()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([l?.end(), s?.end()]);
    await Promise.all([liveDb?.release(), shadowDb?.release()]);
  });

  it('suppresses what the live published for, releases what only the shadow processed, and promotes once', async () => {
    const [both, shadowOnly] = [randomUUID(), randomUUID()];
    await inbox(l, both); // the live processed `both` (and published for it); `shadowOnly` it never saw
    await inbox(s, both, shadowOnly);
    const copied = await outboxRow(s, randomUUID(), true); // in the copy: marked published by migrate shadow
    for (const sql of createShadowRunTableSql(CONTEXT)) await s.query(sql);
    await writeShadowRun((sql, params) => s.query(sql, params).then((r) => r.rows), {
      context: CONTEXT,
      liveSnapshotAt: new Date(),
      liveGroup: CONTEXT,
      shadowGroup: `${CONTEXT}.shadow`,
      liveOffsets: [],
      outboxHighWater: copied,
    });
    const suppressed = [await outboxRow(s, both), await outboxRow(s, both)];
    const released = [await outboxRow(s, shadowOnly), await outboxRow(s, undefined)];

    const split = await splitShadowOutbox(l, s, CONTEXT, copied);
    expect(split).toEqual({ suppress: suppressed, released: 2, uncaused: 1 });

    const offsets = [{ topic: 'payments.payment-requested.v1', partition: 0, offset: '7' }];
    const record = {
      liveOffsets: offsets,
      shadowOffsets: offsets,
      suppressed: 2,
      released: 2,
      gatewayCallsNotMade: 0,
      forced: false,
    };
    await promote(s, CONTEXT, split, record);
    const pending = await s.query<{ id: string }>(
      `SELECT id::text AS id FROM ${CONTEXT}.outbox WHERE published_at IS NULL ORDER BY id`,
    );
    expect(pending.rows.map((r) => r.id)).toEqual(released);
    expect((await readPromotion(s, CONTEXT))?.record).toEqual(record);
    await expect(promote(s, CONTEXT, split, record)).rejects.toThrow('promoted meanwhile');
  });

  it('counts what the live relay left unpublished', async () => {
    const before = await livePendingOutbox(l, CONTEXT);
    await outboxRow(l, randomUUID());
    expect(await livePendingOutbox(l, CONTEXT)).toBe(before + 1);
  });
});

async function inbox(client: Client, ...eventIds: string[]): Promise<void> {
  for (const id of eventIds)
    await client.query(`INSERT INTO ${CONTEXT}.inbox (consumer_group, event_id) VALUES ($1, $2)`, [CONTEXT, id]);
}

/** an outbox row caused by `cause` (no causation-id header when undefined); its id */
async function outboxRow(client: Client, cause: string | undefined, published = false): Promise<string> {
  const headers = cause ? { 'causation-id': cause } : {};
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO ${CONTEXT}.outbox (lane, event_id, topic, msg_key, headers, payload, published_at)
     VALUES (0, gen_random_uuid(), 'payments.payment-authorized.v1', 'k', $1, '\\x00', $2) RETURNING id::text AS id`,
    [JSON.stringify(headers), published ? new Date() : null],
  );
  return rows[0].id;
}
