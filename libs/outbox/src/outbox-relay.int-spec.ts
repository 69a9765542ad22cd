import type { DataSource } from 'typeorm';
import { openContextDataSource, TransactionRunner, type DatabaseTarget } from '@platform/database';
import { AvroCodec, EnvelopeCodec, EventCatalogue, HEADER } from '@platform/events';
import { InProcessLog, InProcessLog1764000000002, InProcessPublisher } from '@platform/messaging';
import {
  TEST_CONTRACTS,
  TestEventV1Contract,
  createTestDatabase,
  databaseBackends,
  eventually,
  type Backend,
  type TestEventV1,
} from '@platform/testing';
import { OutboxRelay } from './outbox-relay';
import { relayOptionsFromEnv, type OutboxRelayOptions } from './outbox-relay-options';
import { OutboxWriter, event } from './outbox-writer';
import { OUTBOX_MIGRATIONS } from './outbox-migrations';

const SCHEMA = 'producer';
const LANES = 16;

describe.each(databaseBackends())('outbox relay on %s', (backend: Backend) => {
  let target: DatabaseTarget;
  let producerDb: DataSource;
  let messagingDb: DataSource;
  let log: InProcessLog;
  let publisher: InProcessPublisher;
  let writer: OutboxWriter;
  const relays: OutboxRelay[] = [];
  const extraDataSources: DataSource[] = [];
  const codec = new EnvelopeCodec(new EventCatalogue(TEST_CONTRACTS), new AvroCodec());

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    producerDb = await openContextDataSource(target, { context: SCHEMA, migrations: [...OUTBOX_MIGRATIONS] });
    messagingDb = await openContextDataSource(target, {
      context: 'messaging',
      migrations: [InProcessLog1764000000002],
    });
    log = new InProcessLog(messagingDb, 'messaging', 4);
    publisher = new InProcessPublisher(log);
    writer = new OutboxWriter({ schema: SCHEMA, producer: SCHEMA, lanes: LANES }, codec);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await Promise.all(extraDataSources.splice(0).map((ds) => ds.destroy()));
    await producerDb.query(`TRUNCATE ${SCHEMA}.outbox`);
    await messagingDb.query('TRUNCATE messaging.log, messaging.partition_heads, messaging.group_offsets');
  });

  afterAll(async () => {
    await producerDb?.destroy();
    await messagingDb?.destroy();
    await target?.release();
  });

  function startRelay(dataSource: DataSource, overrides: Partial<OutboxRelayOptions> = {}): OutboxRelay {
    const relay = new OutboxRelay(dataSource, publisher, {
      ...relayOptionsFromEnv(SCHEMA, target.embedded, {}),
      lanes: LANES,
      idlePollMs: 50,
      batchSize: 200,
      ...overrides,
    });
    writer.onCommitted(() => relay.wake());
    relay.start();
    relays.push(relay);
    return relay;
  }

  async function loggedRecords(): Promise<
    Array<{ key: string; eventId: string; seq: number; partition: number; offset: bigint }>
  > {
    const rows: Array<{
      msg_key: string;
      headers: Record<string, string>;
      value: Buffer;
      partition: number;
      offset: string;
    }> = await messagingDb.query(
      'SELECT msg_key, headers, value, partition, "offset" FROM messaging.log ORDER BY partition, "offset"',
    );
    return rows.map((row) => ({
      key: row.msg_key,
      eventId: row.headers[HEADER.eventId],
      seq: (
        codec.decode({ topic: TestEventV1Contract.topic, key: row.msg_key, headers: row.headers, value: row.value })
          .payload as TestEventV1
      ).seq,
      partition: row.partition,
      offset: BigInt(row.offset),
    }));
  }

  it('publishes nothing of a rolled-back business transaction, and everything of a committed one', async () => {
    const runner = new TransactionRunner(producerDb);
    startRelay(producerDb);

    await expect(
      runner.run(async (tx) => {
        await writer.append(tx, { correlationId: 'c-rollback' }, [
          event(TestEventV1Contract, { entityId: 'a', seq: 1, note: 'never' }),
        ]);
        throw new Error('business rule failed after the outbox write');
      }),
    ).rejects.toThrow('business rule failed');
    await runner.run((tx) =>
      writer.append(tx, { correlationId: 'c-commit' }, [
        event(TestEventV1Contract, { entityId: 'b', seq: 1, note: 'kept' }),
      ]),
    );

    // the record reaches the log before the relay's own transaction marks its row published
    const { records, pending } = await eventually(
      async () => {
        const [{ n }]: Array<{ n: string }> = await producerDb.query(
          `SELECT count(*) AS n FROM ${SCHEMA}.outbox WHERE published_at IS NULL`,
        );
        return { records: await loggedRecords(), pending: Number(n) };
      },
      (seen) => seen.records.length >= 1 && seen.pending === 0,
      { expected: 'the committed event in the log and its outbox row marked published' },
    );
    expect(records.map((r) => r.key)).toEqual(['b']);
    expect(pending).toBe(0);
  });

  it('deletes published rows once they are older than the retention, and nothing else', async () => {
    const runner = new TransactionRunner(producerDb);
    const relay = startRelay(producerDb, { retentionMs: 3_600_000 });
    await runner.run((tx) =>
      writer.append(
        tx,
        { correlationId: 'c-retention' },
        [1, 2, 3].map((seq) => event(TestEventV1Contract, { entityId: 'kept', seq, note: '' })),
      ),
    );
    await eventually(loggedRecords, (r) => r.length === 3, { expected: 'three published events' });
    await relay.stop();
    // one row published two hours ago, one an hour and a half ago, one just now; plus one never published
    await producerDb.query(
      `UPDATE ${SCHEMA}.outbox SET published_at = now() - interval '2 hours' WHERE id = (SELECT min(id) FROM ${SCHEMA}.outbox)`,
    );
    await producerDb.query(
      `UPDATE ${SCHEMA}.outbox SET published_at = now() - interval '90 minutes'
        WHERE id = (SELECT min(id) + 1 FROM ${SCHEMA}.outbox)`,
    );
    await runner.run((tx) =>
      writer.append(tx, { correlationId: 'c-pending' }, [
        event(TestEventV1Contract, { entityId: 'pending', seq: 1, note: '' }),
      ]),
    );

    expect(await relay.cleanup()).toBe(2);
    const left: Array<{ msg_key: string; published: boolean }> = await producerDb.query(
      `SELECT msg_key, published_at IS NOT NULL AS published FROM ${SCHEMA}.outbox ORDER BY id`,
    );
    expect(left).toEqual([
      { msg_key: 'kept', published: true },
      { msg_key: 'pending', published: false },
    ]);
  });

  it('relays 20 concurrent writers x 500 events completely, without duplicates, in order per key', async () => {
    const writers = 20;
    const eventsPerWriter = 500;
    const keysPerWriter = 5;
    const eventsPerTx = 10;
    if (backend === 'postgres') {
      // two relay instances on their own connections, each taking at most half the lanes per drain
      for (let i = 0; i < 2; i += 1) {
        const ds = await openContextDataSource(target, { context: SCHEMA, migrations: [...OUTBOX_MIGRATIONS] });
        extraDataSources.push(ds);
        startRelay(ds, { maxLanesPerDrain: LANES / 2 });
      }
    } else {
      startRelay(producerDb); // PGlite: exactly one relay, by design
    }

    const runner = new TransactionRunner(producerDb);
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let start = 0; start < eventsPerWriter; start += eventsPerTx) {
          await runner.run((tx) =>
            writer.append(
              tx,
              { correlationId: `writer-${w}` },
              Array.from({ length: eventsPerTx }, (_, i) => {
                const n = start + i;
                return event(TestEventV1Contract, { entityId: `w${w}-k${n % keysPerWriter}`, seq: n, note: '' });
              }),
            ),
          );
        }
      }),
    );

    const total = writers * eventsPerWriter;
    const records = await eventually(loggedRecords, (r) => r.length >= total, {
      expected: `${total} records in the log`,
      timeoutMs: 60_000,
    });
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r.eventId)).size).toBe(total);
    const lastSeq = new Map<string, number>();
    const outOfOrder: string[] = [];
    for (const record of records) {
      const previous = lastSeq.get(record.key) ?? -1;
      if (record.seq <= previous) outOfOrder.push(`${record.key}: ${record.seq} after ${previous}`);
      lastSeq.set(record.key, record.seq);
    }
    expect(outOfOrder).toEqual([]);
    expect(lastSeq.size).toBe(writers * keysPerWriter);
  });
});
