import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '../kafka/mock-cluster.sh');

/**
 * One Kafka cluster per test run, handed to the test workers as TEST_KAFKA_BROKERS (workers
 * inherit the environment of Jest's parent process). KAFKA_BROKERS set: that cluster is used.
 * Otherwise a mock cluster is started when kcat is installed; without kcat the Kafka suites
 * skip, or fail under CI=true (libs/testing kafkaTestBrokers).
 */
export function startKafkaTestCluster(): void {
  if (process.env.TEST_KAFKA_BROKERS) return; // another project's setup of this run started it
  if (process.env.KAFKA_BROKERS) {
    process.env.TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS;
    console.log(`[test] Kafka: ${process.env.KAFKA_BROKERS} (KAFKA_BROKERS)`);
    return;
  }
  if (spawnSync('sh', ['-c', 'command -v kcat'], { stdio: 'ignore' }).status !== 0) {
    console.log(
      '[test] !!! kcat is not installed: the Kafka suites are SKIPPED (a failure under CI=true). Install it: bash test/kafka/ensure-kcat.sh',
    );
    return;
  }
  const state = mkdtempSync(join(tmpdir(), 'kafka-mock-'));
  const brokers = execFileSync('bash', [SCRIPT, 'start'], {
    env: { ...process.env, MOCK_CLUSTER_STATE: state },
    encoding: 'utf8',
  }).trim();
  process.env.TEST_KAFKA_BROKERS = brokers;
  process.env.TEST_KAFKA_CLUSTER_STATE = state;
  console.log(`[test] Kafka: librdkafka mock cluster at ${brokers}`);
}

export function stopKafkaTestCluster(): void {
  const state = process.env.TEST_KAFKA_CLUSTER_STATE;
  if (!state) return;
  delete process.env.TEST_KAFKA_CLUSTER_STATE;
  delete process.env.TEST_KAFKA_BROKERS;
  spawnSync('bash', [SCRIPT, 'stop'], { env: { ...process.env, MOCK_CLUSTER_STATE: state }, stdio: 'ignore' });
  rmSync(state, { recursive: true, force: true });
}
