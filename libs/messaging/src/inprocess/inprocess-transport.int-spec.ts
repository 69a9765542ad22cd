import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '@platform/database';
import { AvroCodec, HEADER } from '@platform/events';
import { PlatformMetrics } from '@platform/observability';
import {
  createTestDatabase,
  databaseBackends,
  eventually,
  TestEventV1Contract,
  type Backend,
  type TestEventV1,
} from '@platform/testing';
import { FAULTS, faultsFor } from '../../../../test/fixtures/pipeline-app/fault-plan';
import { startPipelineApp } from '../../../../test/fixtures/pipeline-app/pipeline-app';
import { TestProducer } from '../../../../test/fixtures/pipeline-app/producer-context';
import { DEAD_LETTER_HEADER } from '@platform/dead-letters';
import { InProcessLog } from './inprocess-log';
import { InProcessPublisher } from './inprocess-publisher';
import { InProcessTransport } from './inprocess.transport';

/** consumer_a takes its events one at a time (@OnEvent), consumer_b as the sets of its transactions (@OnEvents) */
const GROUPS = ['consumer_a', 'consumer_b'];
const SET_GROUP = 'consumer_b';
const MAX_RECORD_BYTES = 64 * 1024;

interface Effect {
  event_id: string;
  entity_id: string;
  seq: number;
}

describe.each(databaseBackends())('in-process transport and consumer pipeline on %s', (backend: Backend) => {
  let target: DatabaseTarget;
  let app: INestApplication;
  let db: DataSource;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    if (backend === 'postgres') process.env.DATABASE_URL = target.url;
    else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DATA_DIR = 'memory://';
    }
    process.env.CONSUMER_RETRY_BASE_MS = '5';
    // a held-back event retries until its test releases it, quickly once released
    process.env.CONSUMER_MAX_ATTEMPTS = '10000';
    process.env.CONSUMER_RETRY_MAX_MS = '50';
    process.env.INPROCESS_PARTITIONS = '4';
    process.env.CONSUMER_MAX_RECORD_BYTES = String(MAX_RECORD_BYTES);
    app = await startPipelineApp(GROUPS, { setGroups: [SET_GROUP] });
    db = new DataSource({ type: 'postgres', url: backend === 'postgres' ? target.url : await embeddedUrl(app) });
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await app?.close();
    await target?.release();
    process.env = savedEnv;
  });

  beforeEach(async () => {
    FAULTS.clear();
    for (const group of GROUPS) {
      await db.query(`TRUNCATE ${group}.effects, ${group}.inbox, ${group}.dead_letters`);
    }
  });

  const effectsOf = (group: string): Promise<Effect[]> =>
    db.query(`SELECT event_id, entity_id, seq FROM ${group}.effects ORDER BY id`);

  const emit = (payloads: TestEventV1[]): Promise<void> => app.get(TestProducer).emit(payloads);

  it('delivers every event to every consumer group once, in order per key', async () => {
    const payloads = Array.from({ length: 200 }, (_, i) => ({ entityId: `order-${i % 10}`, seq: i, note: '' }));
    for (let i = 0; i < payloads.length; i += 20) await emit(payloads.slice(i, i + 20));

    for (const group of GROUPS) {
      const effects = await eventually(
        () => effectsOf(group),
        (e) => e.length >= 200,
        {
          expected: `200 effects in ${group}`,
        },
      );
      expect(effects).toHaveLength(200);
      expect(new Set(effects.map((e) => e.event_id)).size).toBe(200);
      for (let key = 0; key < 10; key += 1) {
        const seqs = effects.filter((e) => e.entity_id === `order-${key}`).map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      }
    }
  });

  it('hands what it appends to the workers that keep up: they consume it without reading it back from the log', async () => {
    // given: every record a worker reads from the log is counted
    const log = app.get(InProcessLog);
    let readBack = 0;
    const read = jest.spyOn(log, 'read').mockImplementation(async (...args) => {
      const records = await InProcessLog.prototype.read.apply(log, args);
      readBack += records.filter((r) => r.key.startsWith('handed-')).length;
      return records;
    });
    try {
      // when: events arrive one at a time, each handled by both groups before the next
      for (let seq = 0; seq < 5; seq += 1) {
        await emit([{ entityId: `handed-${seq}`, seq, note: '' }]);
        for (const group of GROUPS) {
          await eventually(
            () => effectsOf(group),
            (e) => e.some((effect) => effect.seq === seq),
            { expected: `event ${seq} handled by ${group}` },
          );
        }
      }
    } finally {
      read.mockRestore();
    }
    // then
    expect(readBack).toBe(0);
  });

  it('pauses one consumer group while the others go on, and resumes it where it stopped', async () => {
    const transport = app.get(InProcessTransport);
    await transport.pauseGroup('consumer_a');
    try {
      await emit(Array.from({ length: 10 }, (_, i) => ({ entityId: `paused-${i % 3}`, seq: i, note: '' })));
      await eventually(
        () => effectsOf('consumer_b'),
        (e) => e.length >= 10,
        { expected: '10 effects in consumer_b while consumer_a is paused' },
      );
      expect(await effectsOf('consumer_a')).toEqual([]);
      // the paused group's lag, partition by partition, as the console's Flow view reads it
      const lagOf = async (group: string) =>
        (await transport.partitionLag()).filter(
          (row) => row.group === group && row.topic === TestEventV1Contract.topic,
        );
      const paused = await eventually(
        () => lagOf('consumer_a'),
        (rows) => rows.reduce((sum, row) => sum + row.lag, 0) > 0,
        { expected: 'consumer_a to lag while paused' },
      );
      expect(paused.every((row) => Number.isInteger(row.partition) && row.lag >= 0)).toBe(true);
      await eventually(
        () => lagOf('consumer_b'),
        (rows) => rows.length > 0 && rows.every((row) => row.lag === 0),
        { expected: 'consumer_b not to lag' },
      );
      await expect(transport.pauseGroup('consumer_a')).rejects.toThrow(/paused already/);
    } finally {
      transport.resumeGroup('consumer_a');
    }
    const effects = await eventually(
      () => effectsOf('consumer_a'),
      (e) => e.length >= 10,
      { expected: '10 effects in consumer_a once resumed' },
    );
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(10);
    for (let key = 0; key < 3; key += 1) {
      const seqs = effects.filter((e) => e.entity_id === `paused-${key}`).map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  });

  it('retries a handler that fails once; its effect happens exactly once', async () => {
    faultsFor('consumer_a').failOnce.add(7);
    await emit(Array.from({ length: 10 }, (_, i) => ({ entityId: 'retry', seq: i, note: '' })));

    const effects = await eventually(
      () => effectsOf('consumer_a'),
      (e) => e.length >= 10,
      {
        expected: '10 effects in consumer_a',
      },
    );
    expect(effects.filter((e) => e.seq === 7)).toHaveLength(1);
    expect(faultsFor('consumer_a').attempts.get(7)).toBe(2);
    expect(effects.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("holds up only the retrying event's key: other keys on its partition go on, and the offset waits for it", async () => {
    const log = app.get(InProcessLog);
    const topic = 'platformtest.thing-happened.v1';
    const held = 'held-key';
    const other = sameInProcessPartition(log, held);
    faultsFor('consumer_a').failUntilReleased.add(100);
    await emit([
      { entityId: held, seq: 100, note: '' },
      { entityId: held, seq: 101, note: '' },
      { entityId: other, seq: 102, note: '' },
      { entityId: other, seq: 103, note: '' },
    ]);
    const partition = log.partitionOf(held);
    const appended = await eventually(
      async () => (await log.read(topic, partition, 0n, 10_000)).filter((r) => [held, other].includes(r.key)),
      (records) => records.length === 4,
      { expected: 'the four events in the log' },
    );
    const heldOffset = BigInt(appended[0].offset);
    const lastOffset = BigInt(appended[3].offset);

    const whileHeld = await eventually(
      () => effectsOf('consumer_a'),
      (e) => e.length >= 2,
      { expected: 'the other key handled while the held one retries' },
    );
    expect(whileHeld.map((e) => e.seq)).toEqual([102, 103]);
    expect(faultsFor('consumer_a').attempts.get(100)).toBeGreaterThanOrEqual(1);
    expect(faultsFor('consumer_a').attempts.has(101)).toBe(false); // queued behind 100, in order
    // what an operator (or a stalled test) sees of that worker: read past all four, two unfinished
    const worker = () =>
      app
        .get(InProcessTransport)
        .describeWorkers()
        .find((w) => w.group === 'consumer_a' && w.topic === topic && w.partition === partition);
    const readPast = await eventually(worker, (w) => w?.next === (lastOffset + 1n).toString(), {
      expected: 'the worker reading past all four',
    });
    expect(readPast).toMatchObject({ unfinished: 2, failuresInARow: 0 });
    await app.get(InProcessTransport).flushOffsets();
    expect(await log.committed('consumer_a', topic, partition)).toBeLessThanOrEqual(heldOffset);

    faultsFor('consumer_a').failUntilReleased.delete(100);
    const all = await eventually(
      () => effectsOf('consumer_a'),
      (e) => e.length >= 4,
      { expected: 'the held key once released' },
    );
    expect(all.map((e) => e.seq)).toEqual([102, 103, 100, 101]);
    await eventually(
      () => worker()?.unfinished,
      (unfinished) => unfinished === 0,
      { expected: 'nothing unfinished once the held key finished' },
    );
    await eventually(
      async () => (await app.get(InProcessTransport).flushOffsets(), log.committed('consumer_a', topic, partition)),
      (committed) => committed > lastOffset,
      { expected: 'the offset past all four once the held key finished' },
    );
  });

  it('skips a duplicate delivery through the inbox', async () => {
    const duplicatesSoFar = async (): Promise<number> => {
      const consumed = await app.get(PlatformMetrics).eventsConsumed.get();
      const row = consumed.values.find((v) => v.labels.group === 'consumer_b' && v.labels.outcome === 'duplicate');
      return row?.value ?? 0;
    };
    const duplicatesBefore = await duplicatesSoFar();
    await emit([{ entityId: 'dup', seq: 1, note: '' }]);
    await eventually(
      () => effectsOf('consumer_b'),
      (e) => e.length === 1,
      { expected: 'the first delivery' },
    );

    // deliver the very same record again, as a relay would after a crash between publish and mark
    const log = app.get(InProcessLog);
    const [record] = (await log.read('platformtest.thing-happened.v1', log.partitionOf('dup'), 0n, 1000)).filter(
      (r) => r.key === 'dup',
    );
    await app.get(InProcessPublisher).publish([record]);
    await emit([{ entityId: 'dup', seq: 2, note: 'after the duplicate' }]);

    const effects = await eventually(
      () => effectsOf('consumer_b'),
      (e) => e.length >= 2,
      {
        expected: 'the event after the duplicate',
      },
    );
    expect(effects.map((e) => e.seq)).toEqual([1, 2]);
    expect((await duplicatesSoFar()) - duplicatesBefore).toBe(1);
    const [{ n }]: Array<{ n: string }> = await db.query(
      'SELECT count(*) AS n FROM consumer_b.inbox WHERE event_id = $1',
      [record.headers[HEADER.eventId]],
    );
    expect(Number(n)).toBe(1);
  });

  it('dead-letters a permanent failure at once and moves on', async () => {
    faultsFor('consumer_a').failPermanently.add(3);
    await emit(Array.from({ length: 6 }, (_, i) => ({ entityId: 'poison-rule', seq: i, note: '' })));

    const effects = await eventually(
      () => effectsOf('consumer_a'),
      (e) => e.length >= 5,
      {
        expected: 'the five events around the failing one',
      },
    );
    expect(effects.map((e) => e.seq)).toEqual([0, 1, 2, 4, 5]);
    expect(faultsFor('consumer_a').attempts.get(3)).toBe(1);
    const letters: Array<{ error_code: string; attempts: number; msg_key: string }> = await db.query(
      'SELECT error_code, attempts, msg_key FROM consumer_a.dead_letters',
    );
    expect(letters).toEqual([{ error_code: 'TEST.NEVER', attempts: 1, msg_key: 'poison-rule' }]);

    // and forwarded, byte for byte, to the group's dead-letter topic, saying why and from where
    const [stored]: Array<{ value: Buffer; topic: string; offset: string }> = await db.query(
      'SELECT value, topic, "offset" FROM consumer_a.dead_letters',
    );
    const log = app.get(InProcessLog);
    const [forwarded] = await eventually(
      () => log.read('consumer_a.dlq', log.partitionOf('poison-rule'), 0n, 1000),
      (records) => records.some((r) => r.key === 'poison-rule'),
      { expected: 'the dead letter on consumer_a.dlq' },
    ).then((records) => records.filter((r) => r.key === 'poison-rule'));
    expect(forwarded.value.equals(stored.value)).toBe(true);
    expect(forwarded.headers).toMatchObject({
      [HEADER.type]: 'platformtest.thing-happened',
      [DEAD_LETTER_HEADER.group]: 'consumer_a',
      [DEAD_LETTER_HEADER.errorCode]: 'TEST.NEVER',
      [DEAD_LETTER_HEADER.attempts]: '1',
      [DEAD_LETTER_HEADER.sourceTopic]: stored.topic,
      [DEAD_LETTER_HEADER.sourceOffset]: stored.offset,
    });
    // the other group is not held up by consumer_a's failure (it runs at its own pace: wait for it)
    await eventually(
      () => effectsOf('consumer_b'),
      (e) => e.length === 6,
      { expected: 'all six events in consumer_b' },
    );
  });

  it('given a set with a poison record, dead-letters that record alone and commits the rest of its set', async () => {
    // given: one append of 24 keys; the records a read hands over together queue behind the first one's transaction
    const plan = faultsFor(SET_GROUP);
    plan.failPermanently.add(13);
    // when
    await emit(Array.from({ length: 24 }, (_, i) => ({ entityId: `set-${i}`, seq: i, note: '' })));
    // then
    const effects = await eventually(
      () => effectsOf(SET_GROUP),
      (e) => e.length >= 23,
      { expected: 'the 23 events besides the poison one' },
    );
    expect(effects.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 24 }, (_, i) => i).filter((seq) => seq !== 13),
    );
    expect(Math.max(...plan.sets)).toBeGreaterThan(1);
    const letters: Array<{ error_code: string; attempts: number; msg_key: string }> = await db.query(
      `SELECT error_code, attempts, msg_key FROM ${SET_GROUP}.dead_letters`,
    );
    expect(letters).toEqual([{ error_code: 'TEST.NEVER', attempts: 1, msg_key: 'set-13' }]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${SET_GROUP}.inbox`);
    expect(n).toBe(23);
  });

  it("hands one read's records of different keys to the pipeline at once: one partition's batch makes one set", async () => {
    // given: eight keys of one partition, in one append (one handover)
    const log = app.get(InProcessLog);
    const keys: string[] = [];
    for (let i = 0; keys.length < 8; i += 1) if (log.partitionOf(`same-${i}`) === 0) keys.push(`same-${i}`);
    const plan = faultsFor(SET_GROUP);
    plan.sets.length = 0;
    // when
    await emit(keys.map((entityId, seq) => ({ entityId, seq, note: '' })));
    // then: the first record starts a transaction at once (nothing to wait for) and the seven others share the
    // next one; one record at a time per partition would make eight sets of one
    await eventually(
      () => effectsOf(SET_GROUP),
      (e) => e.length === 8,
      { expected: 'the eight events of one partition' },
    );
    expect(plan.sets).toEqual([1, 7]);
  });

  // poison records: each lands in the dead letters with a stable code and a message that says
  // what is wrong, and the record after it on the same partition (same key) is still handled
  const goodValue = new AvroCodec().encode(TestEventV1Contract, { entityId: 'poison', seq: 0, note: 'a note' });
  const headers = (change: (h: Record<string, string>) => void = () => undefined): Record<string, string> => {
    const h: Record<string, string> = {
      [HEADER.eventId]: randomUUID(),
      [HEADER.type]: 'platformtest.thing-happened',
      [HEADER.version]: '1',
      [HEADER.occurredAt]: new Date().toISOString(),
      [HEADER.producer]: 'somebody',
      [HEADER.correlationId]: 'c',
    };
    change(h);
    return h;
  };
  const POISON: ReadonlyArray<[string, () => { headers: Record<string, string>; value: Buffer }, string, RegExp]> = [
    [
      'garbage bytes',
      () => ({ headers: headers(), value: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01]) }),
      'EVENT.UNDECODABLE',
      /cannot decode Avro body/,
    ],
    [
      'a truncated Avro body',
      () => ({ headers: headers(), value: goodValue.subarray(0, goodValue.length - 3) }),
      'EVENT.UNDECODABLE',
      /cannot decode Avro body: truncated Avro body/,
    ],
    [
      'a missing required header',
      () => ({ headers: headers((h) => delete h[HEADER.correlationId]), value: goodValue }),
      'EVENT.MISSING_HEADER',
      /header "correlation-id" is missing/,
    ],
    [
      'an unknown event version',
      () => ({ headers: headers((h) => (h[HEADER.version] = '9')), value: goodValue }),
      'EVENT.UNKNOWN_VERSION',
      /platformtest.thing-happened v9 is unknown here .*knows v1/,
    ],
    [
      'a record over CONSUMER_MAX_RECORD_BYTES',
      () => ({ headers: headers(), value: Buffer.alloc(MAX_RECORD_BYTES + 1, 0x61) }),
      'EVENT.TOO_LARGE',
      new RegExp(`over the ${MAX_RECORD_BYTES}-byte maximum \\(CONSUMER_MAX_RECORD_BYTES\\)`),
    ],
  ];

  it.each(POISON)('dead-letters %s with a clear reason, and keeps consuming', async (_, poison, code, message) => {
    const key = `poison-${code}`;
    const { headers: h, value } = poison();
    await app.get(InProcessPublisher).publish([{ topic: 'platformtest.thing-happened.v1', key, headers: h, value }]);
    await emit([{ entityId: key, seq: 1, note: 'after the poison' }]);

    for (const group of GROUPS) {
      const effects = await eventually(
        () => effectsOf(group),
        (e) => e.length === 1,
        { expected: `the event after the poison in ${group}` },
      );
      expect(effects[0]).toMatchObject({ entity_id: key, seq: 1 });
      const letters: Array<{ error_code: string; error_message: string; value: Buffer; msg_key: string }> =
        await db.query(`SELECT error_code, error_message, value, msg_key FROM ${group}.dead_letters`);
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ error_code: code, msg_key: key });
      expect(letters[0].error_message).toMatch(message);
      expect(letters[0].value).toEqual(value);
    }
  });
});

/** a key other than `key` that the log puts on the same partition */
function sameInProcessPartition(log: InProcessLog, key: string): string {
  for (let i = 0; ; i += 1) {
    const candidate = `${key}-neighbour-${i}`;
    if (log.partitionOf(candidate) === log.partitionOf(key)) return candidate;
  }
}

/** the URL of the app's embedded PGlite, read from one of its data sources */
async function embeddedUrl(app: INestApplication): Promise<string> {
  const log = app.get(InProcessLog) as unknown as { dataSource: DataSource };
  return (log.dataSource.options as { url: string }).url;
}
