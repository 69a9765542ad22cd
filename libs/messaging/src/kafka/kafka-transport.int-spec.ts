import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { Kafka, Partitioners } from 'kafkajs';
import { EnvelopeCodec, HEADER, newEventId, type EventEnvelope } from '@platform/events';
import { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import { RECORD_PUBLISHER, type RecordPublisher } from '@platform/outbox';
import { ConsumerLagReader } from '../lag/consumer-lag-reader';
import { describeKafkaProcesses, eventually, TestEventV1Contract, type TestEventV1 } from '@platform/testing';
import { FAULTS, faultsFor } from '../../../../test/fixtures/pipeline-app/fault-plan';
import { startPipelineApp } from '../../../../test/fixtures/pipeline-app/pipeline-app';
import { TestProducer } from '../../../../test/fixtures/pipeline-app/producer-context';

const GROUPS = ['kafka_a', 'kafka_b'];
const TOPIC = TestEventV1Contract.topic;

interface Effect {
  event_id: string;
  entity_id: string;
  seq: number;
}

describeKafkaProcesses('Kafka transport and consumer pipeline (PostgreSQL, Kafka)', (world) => {
  let app: INestApplication;

  beforeAll(async () => {
    Object.assign(process.env, {
      CONSUMER_RETRY_BASE_MS: '5',
      // a held-back event retries until its test releases it, quickly once released
      CONSUMER_MAX_ATTEMPTS: '10000',
      CONSUMER_RETRY_MAX_MS: '50',
    });
    app = await startPipelineApp(GROUPS);
  });

  afterAll(async () => {
    await app?.close();
  });

  beforeEach(async () => {
    FAULTS.clear();
    for (const group of GROUPS)
      await world.db.query(`TRUNCATE ${group}.effects, ${group}.inbox, ${group}.dead_letters`);
  });

  // tests filter by their own keys: a group may still be finishing the previous test's events
  const effectsOf = (group: string, key?: string): Promise<Effect[]> =>
    world.db.query(
      `SELECT event_id, entity_id, seq FROM ${group}.effects WHERE $1::text IS NULL OR entity_id = $1 ORDER BY id`,
      [key ?? null],
    );
  const emit = (payloads: TestEventV1[]): Promise<void> => app.get(TestProducer).emit(payloads);
  const clusterTopic = (): string => `${world.env.KAFKA_TOPIC_PREFIX}${TOPIC}`;

  it('delivers what the outbox relay published to every group once, in order per key, across many keys', async () => {
    const payloads = Array.from({ length: 400 }, (_, i) => ({ entityId: `order-${i % 37}`, seq: i, note: '' }));
    for (let i = 0; i < payloads.length; i += 40) await emit(payloads.slice(i, i + 40));

    for (const group of GROUPS) {
      const effects = await eventually(
        () => effectsOf(group),
        (e) => e.length >= 400,
        { expected: `400 effects in ${group}`, timeoutMs: 30_000 },
      );
      expect(effects).toHaveLength(400);
      expect(new Set(effects.map((e) => e.event_id)).size).toBe(400);
      for (let key = 0; key < 37; key += 1) {
        const seqs = effects.filter((e) => e.entity_id === `order-${key}`).map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      }
    }
    const [{ n }] = await world.db.query(`SELECT count(*)::int AS n FROM producer.outbox WHERE published_at IS NULL`);
    expect(n).toBe(0);
  });

  it('retries a handler that fails once; its effect happens exactly once', async () => {
    faultsFor('kafka_a').failOnce.add(7);
    await emit(Array.from({ length: 10 }, (_, i) => ({ entityId: 'retry', seq: i, note: '' })));

    const effects = await eventually(
      () => effectsOf('kafka_a', 'retry'),
      (e) => e.length >= 10,
      { expected: '10 effects in kafka_a' },
    );
    expect(effects.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(faultsFor('kafka_a').attempts.get(7)).toBe(2);
  });

  it("holds up only the retrying event's key: other keys on its partition go on, and the commit waits for it", async () => {
    const admin = app.get(Kafka).admin();
    await admin.connect();
    try {
      await emit([{ entityId: 'partition-count', seq: 0, note: '' }]); // the topic exists once this is consumed
      await eventually(
        () => effectsOf('kafka_a', 'partition-count'),
        (e) => e.length === 1,
        { expected: 'the topic to exist' },
      );
      const [{ partitions }] = (await admin.fetchTopicMetadata({ topics: [clusterTopic()] })).topics;
      const held = 'held-key';
      const other = sameKafkaPartition(held, partitions.length);
      const partition = kafkaPartitionOf(held, partitions.length);
      faultsFor('kafka_a').failUntilReleased.add(100);
      await emit([
        { entityId: held, seq: 100, note: '' },
        { entityId: held, seq: 101, note: '' },
        { entityId: other, seq: 102, note: '' },
        { entityId: other, seq: 103, note: '' },
      ]);

      const whileHeld = await eventually(
        () => effectsOf('kafka_a').then((e) => e.filter((x) => [held, other].includes(x.entity_id))),
        (e) => e.length >= 2,
        { expected: 'the other key handled while the held one retries' },
      );
      expect(whileHeld.map((e) => e.seq)).toEqual([102, 103]);
      expect(faultsFor('kafka_a').attempts.has(101)).toBe(false); // queued behind 100, in order
      const committed = async (): Promise<bigint> => {
        const [topic] = await admin.fetchOffsets({
          groupId: `${world.env.KAFKA_GROUP_PREFIX ?? world.env.KAFKA_TOPIC_PREFIX}kafka_a`,
          topics: [clusterTopic()],
        });
        return BigInt(topic.partitions.find((p) => p.partition === partition)!.offset);
      };
      const end = BigInt((await admin.fetchTopicOffsets(clusterTopic())).find((p) => p.partition === partition)!.high);
      expect(await committed()).toBeLessThanOrEqual(end - 4n); // not past 100, the first of the four

      faultsFor('kafka_a').failUntilReleased.delete(100);
      const all = await eventually(
        () => effectsOf('kafka_a').then((e) => e.filter((x) => [held, other].includes(x.entity_id))),
        (e) => e.length >= 4,
        { expected: 'the held key once released' },
      );
      expect(all.map((e) => e.seq)).toEqual([102, 103, 100, 101]);
      // committed by the consumer although no record arrived after the held one finished
      await eventually(committed, (offset) => offset >= end, { expected: 'the commit past all four' });
    } finally {
      await admin.disconnect();
    }
  });

  it('applies an event delivered twice once (inbox)', async () => {
    const envelope: EventEnvelope<TestEventV1> = {
      eventId: newEventId(),
      type: TestEventV1Contract.type,
      version: TestEventV1Contract.version,
      key: 'twice',
      occurredAt: new Date().toISOString(),
      producer: 'test',
      correlationId: 'twice',
      payload: { entityId: 'twice', seq: 1, note: '' },
    };
    const record = app.get(EnvelopeCodec).encode(envelope);
    const publisher = app.get<RecordPublisher>(RECORD_PUBLISHER);
    await publisher.publish([record]);
    await publisher.publish([record]);
    await emit([{ entityId: 'twice', seq: 2, note: 'after the duplicate' }]);

    for (const group of GROUPS) {
      const effects = await eventually(
        () => effectsOf(group, 'twice'),
        (e) => e.some((x) => x.seq === 2),
        { expected: `the event after the duplicate in ${group}` },
      );
      expect(effects.map((e) => e.seq)).toEqual([1, 2]);
    }
  });

  it('dead-letters garbage produced straight onto the topic and keeps consuming', async () => {
    const producer = app.get(Kafka).producer();
    await producer.connect();
    try {
      await producer.send({
        topic: clusterTopic(),
        acks: -1,
        messages: [
          { key: 'garbage', value: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01]) },
          {
            key: 'garbage',
            value: Buffer.from([0xff, 0x00]),
            headers: {
              [HEADER.eventId]: newEventId(),
              [HEADER.type]: TestEventV1Contract.type,
              [HEADER.version]: '1',
              [HEADER.occurredAt]: new Date().toISOString(),
              [HEADER.producer]: 'somebody',
              [HEADER.correlationId]: 'c',
            },
          },
        ],
      });
    } finally {
      await producer.disconnect();
    }
    await emit([{ entityId: 'garbage', seq: 1, note: 'after the poison' }]);

    for (const group of GROUPS) {
      await eventually(
        () => effectsOf(group, 'garbage'),
        (e) => e.length === 1,
        { expected: `the event after the poison in ${group}` },
      );
      const letters: Array<{ error_code: string; value: Buffer; msg_key: string; topic: string }> =
        await world.db.query(`SELECT error_code, value, msg_key, topic FROM ${group}.dead_letters ORDER BY id`);
      expect(letters.map((l) => l.error_code)).toEqual(['EVENT.MISSING_HEADER', 'EVENT.UNDECODABLE']);
      expect(letters[0].value).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01]));
      expect(letters.every((l) => l.msg_key === 'garbage' && l.topic === TOPIC)).toBe(true);
    }

    // each group's letters are forwarded to its dead-letter topic, readable by any client
    const { stdout } = await eventually(
      () =>
        promisify(execFile)(
          'kcat',
          [
            '-C',
            '-b',
            world.brokers,
            '-t',
            `${world.env.KAFKA_TOPIC_PREFIX}kafka_a.dlq`,
            '-o',
            'beginning',
            '-e',
            '-q',
            '-f',
            '%k %h\n',
          ],
          { timeout: 20_000 },
        ),
      ({ stdout: out }) => out.split('\n').filter((l) => l.startsWith('garbage ')).length === 2,
      { expected: 'both garbage records on kafka_a.dlq' },
    );
    const codes = stdout
      .split('\n')
      .filter((l) => l.startsWith('garbage '))
      .map((l) => /dlq-error-code=([A-Z_.]+)/.exec(l)?.[1]);
    expect(codes).toEqual(['EVENT.MISSING_HEADER', 'EVENT.UNDECODABLE']);
    expect(stdout).toContain(`dlq-source-topic=${TOPIC}`);
  });

  it('writes records any Kafka client can read: the key, and the envelope as headers', async () => {
    await emit([{ entityId: 'readable-by-kcat', seq: 42, note: '' }]);
    await eventually(
      () => effectsOf('kafka_a', 'readable-by-kcat'),
      (e) => e.length === 1,
      { expected: 'the event consumed' },
    );
    const { stdout } = await promisify(execFile)(
      'kcat',
      ['-C', '-b', world.brokers, '-t', clusterTopic(), '-o', 'beginning', '-e', '-q', '-f', '%k %h\n'],
      { timeout: 20_000 },
    );
    const line = stdout.split('\n').find((l) => l.startsWith('readable-by-kcat '));
    expect(line).toBeDefined();
    const headers = Object.fromEntries(
      line!
        .slice('readable-by-kcat '.length)
        .split(',')
        .map((h) => h.split('=') as [string, string]),
    );
    expect(headers).toMatchObject({
      [HEADER.type]: TestEventV1Contract.type,
      [HEADER.version]: '1',
      [HEADER.producer]: 'producer',
      [HEADER.correlationId]: 'test',
      [HEADER.contentType]: 'application/avro',
    });
    expect(headers[HEADER.eventId]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports consumer lag and readiness', async () => {
    await emit([{ entityId: 'lag', seq: 1, note: '' }]);
    await eventually(
      () => effectsOf('kafka_b', 'lag'),
      (e) => e.length === 1,
      { expected: 'the event consumed' },
    );
    const lagOf = async (group: string): Promise<number | undefined> => {
      const gauge = await app.get(PlatformMetrics).consumerLag.get();
      return gauge.values.find((v) => v.labels.group === group && v.labels.topic === TOPIC)?.value;
    };
    await eventually(
      () => lagOf('kafka_b'),
      (lag) => lag === 0,
      { expected: 'no lag once everything is consumed' },
    );
    // per partition, as the console's Flow view reads it: every partition of the topic, none lagging
    const partitions = (await app.get(ConsumerLagReader).partitionLag()).filter(
      (row) => row.group === 'kafka_b' && row.topic === TOPIC,
    );
    expect(partitions.length).toBeGreaterThan(1);
    expect(partitions.map((row) => row.lag)).toEqual(partitions.map(() => 0));
    const checks = app.get(ReadinessChecks).all();
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['kafka:producer', 'consumer:kafka_a', 'consumer:kafka_b']),
    );
    await Promise.all(checks.map((c) => c.check()));
  });

  it('restarts a crashed consumer, which then carries on from its committed offset', async () => {
    // the dead letter of a poison record cannot be written: nothing may be acknowledged, the
    // consumer fails until kafkajs gives up and crashes; we must restart it, not leave it dead
    await world.db.query('ALTER TABLE kafka_b.dead_letters RENAME TO dead_letters_away');
    const consumer = app
      .get(ReadinessChecks)
      .all()
      .find((c) => c.name === 'consumer:kafka_b')!;
    try {
      await app
        .get<RecordPublisher>(RECORD_PUBLISHER)
        .publish([{ topic: TOPIC, key: 'crash', headers: {}, value: Buffer.from([0xff]) }]);
      await emit([{ entityId: 'crash', seq: 1, note: 'after the poison' }]);
      await eventually(
        () =>
          consumer.check().then(
            () => 'consuming',
            (e: Error) => e.message,
          ),
        (state) => state !== 'consuming',
        { expected: 'the kafka_b consumer to crash', timeoutMs: 30_000 },
      );
    } finally {
      await world.db.query('ALTER TABLE kafka_b.dead_letters_away RENAME TO dead_letters');
    }
    const effects = await eventually(
      () => effectsOf('kafka_b', 'crash'),
      (e) => e.length === 1,
      { expected: 'the event after the poison, once the restarted consumer dead-lettered it', timeoutMs: 30_000 },
    );
    expect(effects.map((e) => e.seq)).toEqual([1]);
    await consumer.check();
    expect(await world.db.query(`SELECT error_code FROM kafka_b.dead_letters WHERE msg_key = 'crash'`)).toEqual([
      { error_code: 'EVENT.MISSING_HEADER' },
    ]);
    expect(await effectsOf('kafka_a', 'crash')).toHaveLength(1);
  }, 90_000);
});

/** the partition kafkajs' default (Java-compatible) partitioner gives `key` */
function kafkaPartitionOf(key: string, partitions: number): number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  return partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
}

/** a key other than `key` that lands on the same partition */
function sameKafkaPartition(key: string, partitions: number): string {
  for (let i = 0; ; i += 1) {
    const candidate = `${key}-neighbour-${i}`;
    if (kafkaPartitionOf(candidate, partitions) === kafkaPartitionOf(key, partitions)) return candidate;
  }
}
