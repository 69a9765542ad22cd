import { createTestDatabase, describeOnKafka, kafkaTestEnv } from '@platform/testing';
import { CRASH_SCENARIO, killMidDeliveryAndRestart } from './fixtures/pipeline-app/crash-scenario';

// The crash scenario of crash-recovery.int-spec.ts on Kafka: the killed member holds its
// partitions until its session times out; then the restarted process gets them and reads from
// the offsets the groups had committed.
describeOnKafka('crash recovery on Kafka (PostgreSQL)', (brokers) => {
  it(
    CRASH_SCENARIO,
    async () => {
      const target = await createTestDatabase('postgres');
      try {
        await killMidDeliveryAndRestart({ ...kafkaTestEnv(brokers), DATABASE_URL: target.url }, 10);
      } finally {
        await target.release();
      }
    },
    180_000,
  );
});
