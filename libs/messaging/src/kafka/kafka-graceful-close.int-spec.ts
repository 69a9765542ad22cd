import { Kafka } from 'kafkajs';
import { describeKafkaProcesses, eventually, TestEventV1Contract } from '@platform/testing';
import { FAULTS, faultsFor } from '../../../../test/fixtures/pipeline-app/fault-plan';
import { startPipelineApp } from '../../../../test/fixtures/pipeline-app/pipeline-app';
import { TestProducer } from '../../../../test/fixtures/pipeline-app/producer-context';

const GROUP = 'drained';

describeKafkaProcesses('closing a Kafka consumer (PostgreSQL, Kafka)', (world) => {
  it('finishes the record in flight and commits exactly what was applied', async () => {
    const admin = new Kafka({ clientId: 'graceful-close-test', brokers: world.brokers.split(',') }).admin();
    try {
      FAULTS.clear();
      faultsFor(GROUP).handlerDelayMs = 150; // close lands while a handler runs
      const app = await startPipelineApp([GROUP]);
      // one key: one partition, offsets 0..19 in order
      await app
        .get(TestProducer)
        .emit(Array.from({ length: 20 }, (_, seq) => ({ entityId: 'one-key', seq, note: '' })));
      await eventually(
        () => world.db.query(`SELECT count(*)::int AS n FROM ${GROUP}.effects`),
        ([row]) => row.n >= 3,
        { expected: 'a few events applied' },
      );
      await app.close();

      const [{ n: applied }] = await world.db.query(`SELECT count(*)::int AS n FROM ${GROUP}.effects`);
      expect(applied).toBeLessThan(20);
      await admin.connect();
      const [offsets] = await admin.fetchOffsets({
        groupId: `${world.env.KAFKA_TOPIC_PREFIX}${GROUP}`,
        topics: [`${world.env.KAFKA_TOPIC_PREFIX}${TestEventV1Contract.topic}`],
      });
      const committed = offsets.partitions.filter((p) => Number(p.offset) >= 0).map((p) => Number(p.offset));
      expect(committed).toEqual([applied]);
    } finally {
      await admin.disconnect();
    }
  }, 60_000);
});
