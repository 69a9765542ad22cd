import { startKafkaTestCluster } from './kafka-test-cluster';

// Reports once, loudly, which real dependencies the integration suites will run against, and
// starts the Kafka test cluster (test/kafka/mock-cluster.sh) unless KAFKA_BROKERS names one.
export default async function globalSetup(): Promise<void> {
  const pg = process.env.DATABASE_URL;
  console.log(
    pg
      ? `\n[test] PostgreSQL server: ${pg.replace(/:[^:@/]+@/, ':***@')}`
      : '\n[test] DATABASE_URL not set: suites that need a PostgreSQL server are SKIPPED (a failure under CI=true); PGlite suites run.',
  );
  startKafkaTestCluster();
}
