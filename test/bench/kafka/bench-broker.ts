import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kafkaTestEnv, newKafkaTestPrefix } from '@platform/testing';
import { stringSetting } from '@platform/config';

/**
 * The Kafka cluster the benchmark runs on: KAFKA_BROKERS when set (a real cluster; the run's
 * topics are provisioned with `npm run kafka:topics` under a fresh prefix), else a librdkafka mock
 * cluster of its own (test/kafka/mock-cluster.sh, own MOCK_CLUSTER_STATE), stopped at the end.
 */
const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'test', 'kafka', 'mock-cluster.sh');
const run = promisify(execFile);

export interface BenchBroker {
  readonly kind: 'mock' | 'external';
  readonly brokers: string;
  /** the mock cluster's process (kcat), for its CPU; undefined for an external cluster */
  readonly pid?: number;
  /** one line for the report: which broker, and what it does to the figures */
  readonly description: string;
  /** the platform's settings for a deployment on this cluster, under a fresh topic and group prefix */
  envFor(): Promise<NodeJS.ProcessEnv>;
  stop(): Promise<void>;
}

export async function startBenchBroker(fetchMaxWaitMs: number): Promise<BenchBroker> {
  const external = stringSetting('KAFKA_BROKERS', '', process.env);
  if (external) return externalBroker(external, fetchMaxWaitMs);
  const state = mkdtempSync(join(tmpdir(), 'bench-kafka-mock-'));
  const env = { ...process.env, MOCK_CLUSTER_STATE: state };
  const started = await run('bash', [SCRIPT, 'start'], { env }).catch((error: Error & { stderr?: string }) => {
    rmSync(state, { recursive: true, force: true });
    throw new Error(
      `could not start the mock cluster (kcat missing? bash test/kafka/ensure-kcat.sh; or set KAFKA_BROKERS): ${error.stderr ?? error.message}`,
    );
  });
  const brokers = started.stdout.trim();
  const pid = Number(readFileSync(join(state, 'pid'), 'utf8').trim());
  // it runs in its own session (setsid): if this process dies first (Ctrl-C, an error), it must not outlive it
  const killOnExit = (): void => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  return {
    kind: 'mock',
    brokers,
    pid,
    description:
      `librdkafka mock cluster (kcat, 3 brokers in one process, pid ${pid}) at ${brokers}, started for this run. ` +
      `It answers a fetch only when its max wait ends, even when records arrived meanwhile (FACTS, ADR 0010): ` +
      `every hop between contexts waits up to KAFKA_FETCH_MAX_WAIT_MS=${fetchMaxWaitMs} ms, which a real broker does not. ` +
      `No idempotent producer (KAFKA_IDEMPOTENT=false); everything in memory.`,
    // a user's KAFKA_* settings win over the test defaults, except the brokers
    envFor: async () => ({
      ...kafkaTestEnv(brokers),
      ...userKafkaKnobs(),
      KAFKA_BROKERS: brokers,
      KAFKA_FETCH_MAX_WAIT_MS: String(fetchMaxWaitMs),
    }),
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await run('bash', [SCRIPT, 'stop'], { env }).catch((e: Error) =>
        console.error(`stopping the mock cluster: ${e.message}`),
      );
      rmSync(state, { recursive: true, force: true });
    },
  };
}

function externalBroker(brokers: string, fetchMaxWaitMs: number): BenchBroker {
  return {
    kind: 'external',
    brokers,
    description:
      `KAFKA_BROKERS=${brokers} (an external cluster; topics provisioned per deployment with npm run kafka:topics ` +
      `under a fresh prefix, left behind). A real broker answers a fetch as soon as records arrive; KAFKA_FETCH_MAX_WAIT_MS=${fetchMaxWaitMs} bounds only idle fetches.`,
    envFor: async () => {
      const env: NodeJS.ProcessEnv = {
        TRANSPORT: 'kafka',
        KAFKA_TOPIC_PREFIX: newKafkaTestPrefix(),
        LOG_LEVEL: 'warn',
        KAFKA_LOG_LEVEL: 'nothing',
        ...userKafkaKnobs(),
        KAFKA_BROKERS: brokers,
        KAFKA_FETCH_MAX_WAIT_MS: String(fetchMaxWaitMs),
      };
      await run('npm', ['run', 'kafka:topics', '--silent'], { cwd: ROOT, env: { ...process.env, ...env } });
      return env;
    },
    stop: async () => undefined,
  };
}

/** the KAFKA_* settings of this environment, passed to the platform as set */
function userKafkaKnobs(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => /^KAFKA_[A-Z_]+$/.test(name)));
}
