import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '@platform/database';
import { kafkaTestBrokers, kafkaTestEnv } from './kafka-test-cluster';
import { createTestDatabase, requirePostgresUrl } from './test-databases';

/**
 * `describe` for a suite that needs the Kafka test cluster and a PostgreSQL server. Without
 * either it is skipped, loudly, and under CI=true it fails (kafkaTestBrokers, requirePostgresUrl).
 * `body` gets the brokers: '' while skipped (Jest still runs the body to list the skipped tests).
 */
export function describeOnKafka(suite: string, body: (brokers: string) => void): void {
  const brokers = kafkaTestBrokers(suite);
  const postgres = requirePostgresUrl(suite);
  (brokers && postgres ? describe : describe.skip)(suite, () => body(brokers ?? ''));
}

/** what describeKafkaProcesses sets up, for the suite's own hooks and tests to read */
export interface KafkaProcessWorld {
  readonly brokers: string;
  /** the test cluster's settings and DATABASE_URL, in process.env from before the suite's first hook */
  readonly env: NodeJS.ProcessEnv;
  readonly target: DatabaseTarget;
  /** on the suite's database, for what the tests assert */
  readonly db: DataSource;
}

/**
 * A describeOnKafka suite of platform processes started in this process (their settings come from
 * process.env): before the suite's own hooks, a database of its own, and the test cluster's
 * settings (a fresh prefix) and DATABASE_URL in process.env, where the suite's hooks may add their
 * own before they start apps; after the suite's hooks (so after the apps closed), the database
 * released and process.env restored.
 */
export function describeKafkaProcesses(suite: string, body: (world: KafkaProcessWorld) => void): void {
  describeOnKafka(suite, (brokers) => {
    const made: { -readonly [K in keyof KafkaProcessWorld]?: KafkaProcessWorld[K] } = {};
    const world: KafkaProcessWorld = {
      brokers,
      get env() {
        return madeYet(made.env);
      },
      get target() {
        return madeYet(made.target);
      },
      get db() {
        return madeYet(made.db);
      },
    };
    const savedEnv = { ...process.env };
    beforeAll(async () => {
      const target = (made.target = await createTestDatabase('postgres'));
      made.env = { ...kafkaTestEnv(brokers), DATABASE_URL: target.url };
      Object.assign(process.env, made.env);
      made.db = new DataSource({ type: 'postgres', url: target.url });
      await made.db.initialize();
    });
    body(world);
    // registered after the body's hooks: Jest runs a block's afterAll hooks in the order they were added
    afterAll(async () => {
      await made.db?.destroy();
      await made.target?.release();
      process.env = savedEnv;
    });
  });
}

function madeYet<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("read before the Kafka suite's beforeAll made it");
  return value;
}
