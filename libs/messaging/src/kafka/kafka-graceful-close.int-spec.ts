import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  eventually,
  kafkaTestBrokers,
  kafkaTestEnv,
  requirePostgresUrl,
  TestEventV1Contract,
} from '@platform/testing';
import { FAULTS, faultsFor } from '../../../../test/fixtures/pipeline-app/fault-plan';
import { startPipelineApp } from '../../../../test/fixtures/pipeline-app/pipeline-app';
import { TestProducer } from '../../../../test/fixtures/pipeline-app/producer-context';

const SUITE = 'Kafka graceful close';
const GROUP = 'drained';
const brokers = kafkaTestBrokers(SUITE);
const postgres = requirePostgresUrl(SUITE);

(brokers && postgres ? describe : describe.skip)('closing a Kafka consumer (PostgreSQL, Kafka)', () => {
  const savedEnv = { ...process.env };
  afterAll(() => {
    process.env = savedEnv;
  });

  it('finishes the record in flight and commits exactly what was applied', async () => {
    const target = await createTestDatabase('postgres');
    const env = kafkaTestEnv(brokers!);
    Object.assign(process.env, env, { DATABASE_URL: target.url });
    const db = new DataSource({ type: 'postgres', url: target.url });
    const admin = new Kafka({ clientId: 'graceful-close-test', brokers: brokers!.split(',') }).admin();
    try {
      FAULTS.clear();
      faultsFor(GROUP).handlerDelayMs = 150; // close lands while a handler runs
      const app = await startPipelineApp([GROUP]);
      await db.initialize();
      // one key: one partition, offsets 0..19 in order
      await app
        .get(TestProducer)
        .emit(Array.from({ length: 20 }, (_, seq) => ({ entityId: 'one-key', seq, note: '' })));
      await eventually(
        () => db.query(`SELECT count(*)::int AS n FROM ${GROUP}.effects`),
        ([row]) => row.n >= 3,
        { expected: 'a few events applied' },
      );
      await app.close();

      const [{ n: applied }] = await db.query(`SELECT count(*)::int AS n FROM ${GROUP}.effects`);
      expect(applied).toBeLessThan(20);
      await admin.connect();
      const [offsets] = await admin.fetchOffsets({
        groupId: `${env.KAFKA_TOPIC_PREFIX}${GROUP}`,
        topics: [`${env.KAFKA_TOPIC_PREFIX}${TestEventV1Contract.topic}`],
      });
      const committed = offsets.partitions.filter((p) => Number(p.offset) >= 0).map((p) => Number(p.offset));
      expect(committed).toEqual([applied]);
    } finally {
      await admin.disconnect();
      await db.destroy();
      await target.release();
    }
  }, 60_000);
});
