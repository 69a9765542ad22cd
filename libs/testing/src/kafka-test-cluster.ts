import { randomBytes } from 'node:crypto';
import { testRunVariable } from './test-environment';

/**
 * The Kafka cluster a suite runs against: TEST_KAFKA_BROKERS, which Jest's global setup fills
 * with the brokers of KAFKA_BROKERS or of a mock cluster it started (test/kafka/mock-cluster.sh).
 * Without one the suite says so loudly and skips, except under CI=true, where it fails: a
 * Kafka suite must not pass by testing nothing.
 */
export function kafkaTestBrokers(suite: string): string | undefined {
  const brokers = testRunVariable('TEST_KAFKA_BROKERS');
  if (brokers) return brokers;
  if (testRunVariable('CI') === 'true')
    throw new Error(`${suite} needs a Kafka cluster: install kcat (test/kafka/ensure-kcat.sh) or set KAFKA_BROKERS`);
  process.stderr.write(`\n!!! ${suite}: SKIPPED, no Kafka cluster (install kcat: bash test/kafka/ensure-kcat.sh)\n`);
  return undefined;
}

/**
 * Settings for an app on the test cluster: topics and groups of the test's own (a fresh
 * prefix), and the mock cluster's limits covered by settings: no idempotent producer (it has
 * no controller), no start-up topic verification (topics appear on first use), short session timeouts (a rebalance waits the session timeout minus 1 s),
 * short fetch waits (the mock cluster answers a fetch only when its max wait ends, even when
 * records arrived meanwhile).
 */
export function kafkaTestEnv(brokers: string, prefix = newKafkaTestPrefix()): NodeJS.ProcessEnv {
  return {
    TRANSPORT: 'kafka',
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_IDEMPOTENT: 'false',
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
    KAFKA_REBALANCE_TIMEOUT_MS: '10000',
    KAFKA_FETCH_MAX_WAIT_MS: '200',
    KAFKA_RESTART_DELAY_MS: '200',
    // nothing provisions a test's topics before its apps start: the mock cluster creates them on
    // first use (it has no createTopics), so start-up verification would refuse every fresh prefix
    KAFKA_VERIFY_TOPICS: 'false',
    KAFKA_REPLAY_SEEK_BY_TIMESTAMP: 'false', // the mock cluster answers offsets by timestamp with the end
    KAFKA_LOG_LEVEL: 'nothing', // our own logs report crashes; kafkajs logs every refused commit as an error
  };
}

export function newKafkaTestPrefix(): string {
  return `t${randomBytes(4).toString('hex')}.`;
}
