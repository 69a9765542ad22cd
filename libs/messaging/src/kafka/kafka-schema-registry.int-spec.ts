import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Type } from 'avsc';
import { Kafka, type KafkaMessage, type Message } from 'kafkajs';
import { AvroCodec, EnvelopeCodec, frameValue, newEventId, type EventEnvelope } from '@platform/events';
import {
  describeKafkaProcesses,
  eventually,
  TestEventV1Contract,
  TestSchemaRegistry,
  type TestEventV1,
} from '@platform/testing';
import { startPipelineApp } from '../../../../test/fixtures/pipeline-app/pipeline-app';
import { TestProducer } from '../../../../test/fixtures/pipeline-app/producer-context';
import { DeadLetterAdmin, DeadLetterConsumers } from '@platform/dead-letters';

const GROUPS = ['reg_a', 'reg_b'];
const TOPIC = TestEventV1Contract.topic;
const AUTH = { username: 'platform', password: 'registry-secret' };
const FIELDS = TestEventV1Contract.schema.fields as object[];
/** a newer, backward-compatible version of the contract's schema: one more field, with a default */
const NEWER = {
  ...TestEventV1Contract.schema,
  fields: [...FIELDS, { name: 'channel', type: 'string', default: 'web' }],
};

// SCHEMA_REGISTRY_URL set, on the mock cluster, against the test double of a Confluent registry
// (with basic auth): the relay registers and frames, consumers read the frame, resolve newer
// writers, dead-letter what no registry answer can fix and retry while the registry is down.
describeKafkaProcesses('Kafka transport with a schema registry (PostgreSQL, Kafka)', (world) => {
  let registry: TestSchemaRegistry;
  let app: INestApplication;

  beforeAll(async () => {
    registry = await TestSchemaRegistry.start({ auth: AUTH });
    Object.assign(process.env, registry.env(), {
      CONSUMER_RETRY_BASE_MS: '20',
      CONSUMER_RETRY_MAX_MS: '200',
      // retries for about 10 s: the outage below lasts a few requests
      CONSUMER_MAX_ATTEMPTS: '60',
    });
    app = await startPipelineApp(GROUPS);
  });

  afterAll(async () => {
    await app?.close();
    await registry?.close();
  });

  const subject = (): string => `${world.env.KAFKA_TOPIC_PREFIX}${TOPIC}-value`;
  const clusterTopic = (): string => `${world.env.KAFKA_TOPIC_PREFIX}${TOPIC}`;
  const emit = (payloads: TestEventV1[]): Promise<void> => app.get(TestProducer).emit(payloads);
  const seqsOf = async (group: string, key: string): Promise<number[]> =>
    (await world.db.query(`SELECT seq FROM ${group}.effects WHERE entity_id = $1 ORDER BY id`, [key])).map(
      (r: { seq: number }) => r.seq,
    );
  const lettersOf = (
    group: string,
    key: string,
  ): Promise<Array<{ id: string; error_code: string; error_message: string; value: Buffer }>> =>
    world.db.query(
      `SELECT id, error_code, error_message, value FROM ${group}.dead_letters WHERE msg_key = $1 ORDER BY id`,
      [key],
    );

  /** a record as another producer would write it: the envelope's headers, `value` as given */
  const recordOf = (key: string, seq: number, value: (payload: TestEventV1) => Buffer): Message => {
    const payload = { entityId: key, seq, note: '' };
    const envelope: EventEnvelope<TestEventV1> = {
      eventId: newEventId(),
      type: TestEventV1Contract.type,
      version: 1,
      key,
      occurredAt: new Date().toISOString(),
      producer: 'another-service',
      correlationId: `corr-${key}`,
      payload,
    };
    const { headers } = app.get(EnvelopeCodec).encode(envelope);
    return { key, headers: { ...headers }, value: value(payload) };
  };
  const produce = async (messages: Message[], topic = clusterTopic()): Promise<void> => {
    const producer = app.get(Kafka).producer();
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages });
    } finally {
      await producer.disconnect();
    }
  };
  /** every record of `topic` from the beginning, read by a plain consumer of a fresh group, once `enough` */
  const readRaw = async (topic: string, enough: (messages: KafkaMessage[]) => boolean): Promise<KafkaMessage[]> => {
    const consumer = app.get(Kafka).consumer({
      groupId: `${world.env.KAFKA_TOPIC_PREFIX}raw-${randomUUID()}`,
      sessionTimeout: 6_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 200,
    });
    const seen: KafkaMessage[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
      return await eventually(() => [...seen], enough, {
        expected: `the records wanted on ${topic}`,
        timeoutMs: 30_000,
      });
    } finally {
      await consumer.disconnect();
    }
  };

  // first: the publisher asks the registry once per subject and process, so this is its first ask
  it('publishes nothing while the registry is down (the relay keeps the rows), and all once it is back', async () => {
    // given
    registry.failWith(503);
    // when
    await emit([{ entityId: 'outage-publish', seq: 1, note: '' }]);
    await eventually(
      () => registry.count(`/config/${subject()}`, 503),
      (n) => n >= 2,
      { expected: 'the relay to try to register twice' },
    );
    const [{ n: unpublished }] = await world.db.query(
      `SELECT count(*)::int AS n FROM producer.outbox WHERE published_at IS NULL AND msg_key = 'outage-publish'`,
    );
    expect(unpublished).toBe(1);
    registry.recover();
    // then
    for (const group of GROUPS) {
      await eventually(
        () => seqsOf(group, 'outage-publish'),
        (seqs) => seqs.length === 1,
        { expected: `the event handled by ${group} once the registry is back` },
      );
    }
  });

  it('writes values in the Confluent wire format with the id registered under <cluster topic>-value', async () => {
    // given
    await emit([{ entityId: 'framed', seq: 7, note: 'on the wire' }]);
    // when
    const messages = await readRaw(clusterTopic(), (m) => m.some((x) => x.key?.toString() === 'framed'));
    // then
    const latest = await fetch(`${registry.url}/subjects/${subject()}/versions/latest`, { headers: basicAuth() });
    const { id } = (await latest.json()) as { id: number };
    const value = messages.find((m) => m.key?.toString() === 'framed')!.value!;
    expect(value[0]).toBe(0x00);
    expect(value.readInt32BE(1)).toBe(id);
    expect(new AvroCodec().decode(TestEventV1Contract, value.subarray(5))).toEqual({
      entityId: 'framed',
      seq: 7,
      note: 'on the wire',
    });
    for (const group of GROUPS) {
      await eventually(
        () => seqsOf(group, 'framed'),
        (seqs) => seqs.length === 1,
        { expected: `the framed event handled by ${group}` },
      );
    }
  });

  it('reads a record written with a newer, backward-compatible schema registered under the same subject', async () => {
    // given: another service already writes the next version of the schema
    const newerId = registry.register(subject(), NEWER);
    const newer = Type.forSchema(NEWER as never);
    // when
    await produce([recordOf('newer-writer', 1, (p) => frameValue(newerId, newer.toBuffer({ ...p, channel: 'app' })))]);
    // then
    for (const group of GROUPS) {
      await eventually(
        () => seqsOf(group, 'newer-writer'),
        (seqs) => seqs.length === 1,
        { expected: `the newer writer's event handled by ${group}` },
      );
      expect(await lettersOf(group, 'newer-writer')).toEqual([]);
    }
  });

  it('dead-letters an unknown schema id and a value without the magic byte, keeps consuming, and re-drives by the same bytes', async () => {
    // given
    const unknownId = registry.nextId() + 1000;
    const codec = new AvroCodec();
    const unknown = recordOf('poison', 1, (p) => frameValue(unknownId, codec.encode(TestEventV1Contract, p)));
    const unframed = recordOf('poison', 2, (p) => codec.encode(TestEventV1Contract, p));
    // when: both poisons, then a good event on the same key (so the same partition) behind them
    await produce([unknown, unframed]);
    await emit([{ entityId: 'poison', seq: 3, note: 'after the poison' }]);
    // then
    for (const group of GROUPS) {
      await eventually(
        () => seqsOf(group, 'poison'),
        (seqs) => seqs.includes(3),
        { expected: `the event behind the poison handled by ${group}` },
      );
      const letters = await lettersOf(group, 'poison');
      expect(letters.map((l) => l.error_code)).toEqual(['EVENT.UNKNOWN_SCHEMA_ID', 'EVENT.NOT_WIRE_FORMAT']);
      expect(letters[0].error_message).toContain(
        `schema id ${unknownId} is unknown to the schema registry (record on ${TOPIC}`,
      );
      expect(letters[1].error_message).toMatch(/not in the Confluent wire format .*no magic byte 0x00/);
      expect(letters.map((l) => l.value)).toEqual([unknown.value, unframed.value]);
      expect(await seqsOf(group, 'poison')).toEqual([3]);
    }

    // forwarded to the dead-letter topic byte for byte (not framed a second time)
    const dlq = await readRaw(`${world.env.KAFKA_TOPIC_PREFIX}reg_a.dlq`, (m) => m.length >= 2);
    expect(dlq.map((m) => m.value)).toEqual([unknown.value, unframed.value]);

    // the id becomes known (imported into the registry): a re-drive decodes the stored bytes
    registry.register(subject(), TestEventV1Contract.schema, unknownId);
    const admin = new DeadLetterAdmin(app.get(DeadLetterConsumers));
    const [letter] = await lettersOf('reg_a', 'poison');
    const result = await admin.redrive('reg_a', String(letter.id));
    expect(result).toMatchObject({ outcome: 'handled', status: 'resolved' });
    expect(await seqsOf('reg_a', 'poison')).toEqual([3, 1]);
  });

  it('retries a record while the registry is down and handles it once the registry is back', async () => {
    // given: a writer schema no consumer has read yet
    const id = registry.register(subject(), { ...NEWER, doc: 'written during an outage' });
    const writer = Type.forSchema(NEWER as never);
    registry.failWith(503);
    try {
      // when
      await produce([recordOf('outage-consume', 1, (p) => frameValue(id, writer.toBuffer({ ...p, channel: 'sms' })))]);
      await eventually(
        () => registry.count(`/schemas/ids/${id}`, 503),
        (n) => n >= 2 * GROUPS.length,
        { expected: 'both groups to ask the registry at least twice' },
      );
    } finally {
      registry.recover();
    }
    // then
    for (const group of GROUPS) {
      await eventually(
        () => seqsOf(group, 'outage-consume'),
        (seqs) => seqs.length === 1,
        { expected: `the event handled by ${group} after the outage` },
      );
      expect(await lettersOf(group, 'outage-consume')).toEqual([]);
    }
  });

  function basicAuth(): Record<string, string> {
    return { Authorization: `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}` };
  }
});
