import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { openContextDataSource, type DatabaseTarget } from '@platform/database';
import {
  ALL_EVENT_CONTRACTS,
  AvroCodec,
  EnvelopeCodec,
  EventCatalogue,
  newEventId,
  type EventContract,
} from '@platform/events';
import { PaymentAuthorizedV1Contract, PaymentCapturedV1Contract } from '@platform/events';
import {
  KafkaGroupOffsets,
  compareShadow,
  kafkaSettingsFromEnv,
  readShadowRun,
  type SqlQuery,
} from '@platform/messaging';
import { createTestDatabase, describeOnKafka, kafkaTestEnv } from '@platform/testing';
import { createKafkaClient } from '../../../libs/messaging/src/kafka/kafka-client';
import { migrationsOf } from '../move-data/context-schemas';
import { consumedTopicsOf } from './context-topics';
import { runShadow } from './run-shadow';

const SUITE = 'migrate shadow and the comparator on two PostgreSQL databases and the mock cluster';
const codec = new EnvelopeCodec(new EventCatalogue(ALL_EVENT_CONTRACTS), new AvroCodec());

/**
 * The copy step and the comparator's database side for a context that publishes events
 * (payments): the copy's pending outbox rows are marked published and the shadow run records where
 * the shadow's own rows start; the comparator decodes both outboxes and pairs them by causation.
 */
describeOnKafka(SUITE, (brokers) => {
  let live: DatabaseTarget;
  let shadow: DatabaseTarget;
  const env = kafkaTestEnv(brokers);

  beforeAll(async () => {
    [live, shadow] = await Promise.all([createTestDatabase('postgres'), createTestDatabase('postgres')]);
    await seedLivePayments(live.url);
    await produceOneRecordEach(env, consumedTopicsOf('payments')); // the mock cluster creates topics on first use
  }, 60_000);

  afterAll(async () => {
    await live?.release();
    await shadow?.release();
  });

  it('copies a running context, marks the copy’s outbox published, records the run and hands the offsets to the shadow group', async () => {
    const lines: string[] = [];
    const output = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
    const code = await runShadow('payments', { liveDatabase: live.url, shadowDatabase: shadow.url }, output, env);
    expect({ code, output: lines.join('\n') }).toMatchObject({ code: 0 });
    expect(lines.join('\n')).toContain('outbox: 3 row(s) the live relay had not published yet marked published');

    const [{ pending, max }] = await sql(shadow.url, (q) =>
      q(
        `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS pending, max(id)::text AS max FROM payments.outbox`,
      ),
    );
    expect(pending).toBe(0);
    const run = await sql(shadow.url, (q) => readShadowRun(q, 'payments'));
    expect(run?.outboxHighWater).toBe(max);
    expect(run?.liveOffsets).toHaveLength(consumedTopicsOf('payments').length * 4);
    // the live rows stay as they were: the live relay publishes them
    const [{ n }] = await sql(live.url, (q) =>
      q(`SELECT count(*)::int AS n FROM payments.outbox WHERE published_at IS NULL`),
    );
    expect(n).toBe(3);

    const kafka = await KafkaGroupOffsets.connect(kafkaSettingsFromEnv(env));
    try {
      const committed = await kafka.committed('payments.shadow', consumedTopicsOf('payments'));
      expect(sortOffsets(committed)).toEqual(sortOffsets(run!.liveOffsets));
    } finally {
      await kafka.close();
    }
  }, 60_000);

  it('refuses a second copy into a shadow database that holds one, unless --force', async () => {
    const quiet = { out: () => undefined, err: () => undefined };
    const options = { liveDatabase: live.url, shadowDatabase: shadow.url };
    await expect(runShadow('payments', options, quiet, env)).rejects.toThrow(/already holds/);
    const planned: string[] = [];
    const plan = { out: (t: string) => planned.push(t), err: (t: string) => planned.push(t) };
    expect(await runShadow('payments', { ...options, dryRun: true }, plan, env)).toBe(1);
    expect(planned.join('\n')).toMatch(
      /live group \S+payments: committed offsets[\s\S]*dry run: a real run would refuse/,
    );
    expect(await runShadow('payments', { ...options, force: true }, quiet, env)).toBe(0);
  }, 60_000);

  it('refuses contexts that cannot be shadowed, with the reason', async () => {
    const quiet = { out: () => undefined, err: () => undefined };
    const options = { liveDatabase: live.url, shadowDatabase: shadow.url };
    await expect(runShadow('shipping', options, quiet, env)).rejects.toThrow(/carrier clock/);
  });

  it('pairs the outboxes by causation and type: the first differing payload field, missing outputs, and the lag', async () => {
    const [agreed, differs, notByShadow, notYet] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const orderId = randomUUID();
    const authorized = (amountMinor: number, authorizationId: string) => ({
      orderId,
      authorizationId,
      amountMinor,
      currency: 'EUR',
    });
    // inputs the live context processed after the copy; the shadow processed all but the last
    await sql(live.url, (q) => inbox(q, [agreed, differs, notByShadow, notYet]));
    await sql(shadow.url, (q) => inbox(q, [agreed, differs, notByShadow]));
    await sql(live.url, async (q) => {
      await outbox(q, agreed, PaymentAuthorizedV1Contract, authorized(100, 'auth-live-1'));
      await outbox(q, differs, PaymentAuthorizedV1Contract, authorized(100, 'auth-live-2'));
      await outbox(q, notByShadow, PaymentCapturedV1Contract, { orderId, amountMinor: 100, currency: 'EUR' });
      return [];
    });
    await sql(shadow.url, async (q) => {
      // another authorizationId is the processor's doing, not a difference
      await outbox(q, agreed, PaymentAuthorizedV1Contract, authorized(100, 'auth-shadow-1'));
      await outbox(q, differs, PaymentAuthorizedV1Contract, authorized(250, 'auth-shadow-2'));
      return [];
    });

    const comparison = await sql(live.url, (liveQuery) =>
      sql(shadow.url, (shadowQuery) => compareShadow('payments', liveQuery, shadowQuery, codec)),
    );
    expect(comparison.comparedInputs).toBe(3);
    expect(comparison.lagInputs).toBe(1);
    const byInput = new Map(comparison.comparisons.map((c) => [c.input, c]));
    expect(byInput.get(agreed)).toMatchObject({ type: 'payments.payment-authorized', result: 'matched' });
    expect(byInput.get(differs)).toMatchObject({
      type: 'payments.payment-authorized',
      key: orderId,
      result: 'mismatched',
      difference: { path: 'amountMinor', live: 100, shadow: 250 },
    });
    expect(byInput.get(notByShadow)).toMatchObject({ type: 'payments.payment-captured', result: 'missing' });
    expect(comparison.comparisons).toHaveLength(3);
  }, 30_000);
});

async function seedLivePayments(url: string): Promise<void> {
  const ds = await openContextDataSource(
    { url, embedded: false, release: async () => undefined },
    { context: 'payments', migrations: migrationsOf('payments'), poolSize: 1 },
  );
  try {
    await ds.query(
      `INSERT INTO payments.inbox (consumer_group, event_id) SELECT 'payments', gen_random_uuid() FROM generate_series(1, 5)`,
    );
    await ds.query(`
      INSERT INTO payments.outbox (lane, event_id, topic, msg_key, headers, payload, published_at)
      SELECT 0, gen_random_uuid(), 'payments.payment-authorized.v1', 'k' || i, '{}', '\\x00',
             CASE WHEN i <= 2 THEN now() END
        FROM generate_series(1, 5) AS i`);
  } finally {
    await ds.destroy();
  }
}

async function produceOneRecordEach(env: NodeJS.ProcessEnv, topics: readonly string[]): Promise<void> {
  const settings = kafkaSettingsFromEnv(env);
  const producer = createKafkaClient(settings).producer({ allowAutoTopicCreation: true });
  await producer.connect();
  try {
    for (const topic of topics)
      await producer.send({ topic: `${settings.topicPrefix}${topic}`, messages: [{ key: 'k', value: 'v' }] });
  } finally {
    await producer.disconnect();
  }
}

async function sql<T>(url: string, use: (query: SqlQuery) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use((text, params) =>
      client.query(text, params).then((r) => r.rows as Array<Record<string, unknown>>),
    );
  } finally {
    await client.end();
  }
}

async function inbox(query: SqlQuery, ids: readonly string[]) {
  return query(`INSERT INTO payments.inbox (consumer_group, event_id) SELECT 'payments', unnest($1::uuid[])`, [ids]);
}

async function outbox(query: SqlQuery, causationId: string, contract: EventContract, payload: unknown) {
  const record = codec.encode({
    eventId: newEventId(),
    type: contract.type,
    version: contract.version,
    key: (payload as { orderId: string }).orderId,
    occurredAt: new Date().toISOString(),
    producer: 'payments',
    correlationId: randomUUID(),
    causationId,
    payload,
  });
  await query(
    `INSERT INTO payments.outbox (lane, event_id, topic, msg_key, headers, payload) VALUES (0, $1, $2, $3, $4, $5)`,
    [randomUUID(), record.topic, record.key, JSON.stringify(record.headers), record.value],
  );
}

function sortOffsets<T extends { topic: string; partition: number }>(offsets: readonly T[]): T[] {
  return [...offsets].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}
