import { describeOnKafka, kafkaTestEnv } from '@platform/testing';
import { LIFECYCLE_SETTINGS, orderLifecycleScenarios } from './support/order-lifecycle-scenarios';
import { ProcessPlatform, SPLIT } from './support/process-platform';

const SUITE = 'order lifecycle, seven processes on Kafka';

/**
 * Stage 5 of docs/deploy.md: every context as its own process (`apps/<context>/src/main.ts`, its
 * own port), all on Kafka and one PostgreSQL database, each request routed to the process that
 * owns its path, running the very scenarios of order-lifecycle.e2e-spec.ts.
 */
describeOnKafka(SUITE, (brokers) => {
  let p: ProcessPlatform;

  beforeAll(async () => {
    p = await ProcessPlatform.start(
      {
        ...kafkaTestEnv(brokers),
        ...LIFECYCLE_SETTINGS,
        INVENTORY_SEED_DEMO: 'false',
      },
      SPLIT,
    );
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  }, 60_000);

  orderLifecycleScenarios(() => p);
});
