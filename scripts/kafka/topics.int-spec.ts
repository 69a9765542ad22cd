import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

// `npm run kafka:topics` without a cluster: --dry-run prints the plan from schemas/topics.json
// and says it was not compared with one; a real run fails in seconds with one line. 127.0.0.1:1
// refuses every connection.

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
const UNREACHABLE = '127.0.0.1:1';

function topics(args: string[], brokers?: string): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_TOPIC_PREFIX: '' };
  delete env.KAFKA_BROKERS;
  if (brokers) env.KAFKA_BROKERS = brokers;
  return run(process.execPath, ['-r', '@swc-node/register', 'scripts/kafka/topics.ts', ...args], {
    cwd: ROOT,
    env,
    timeout: 30_000,
  });
}

describe('kafka:topics without a reachable cluster', () => {
  it('--dry-run without KAFKA_BROKERS prints the plan from the file and says it did not compare it', async () => {
    const { stdout, stderr } = await topics(['--dry-run']);
    expect(stdout).toContain('(dry run: nothing is changed) from schemas/topics.json alone: KAFKA_BROKERS is not set');
    expect(stdout).toContain('not compared');
    expect(stdout).toContain(
      'create orders.order-placed.v1: 12 partitions, replication factor 3, min.insync.replicas=2 cleanup.policy=delete retention.ms=2592000000',
    );
    expect(stdout).toContain('create payments.dlq: 3 partitions');
    expect(stderr).toBe('');
  });

  it('--dry-run with brokers that do not answer says so in one line, then prints the plan from the file', async () => {
    const started = Date.now();
    const { stdout, stderr } = await topics(['--dry-run'], UNREACHABLE);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stderr.trim().split('\n')).toEqual([
      `kafka:topics: cannot reach the Kafka brokers at ${UNREACHABLE}: Connection error: connect ECONNREFUSED ${UNREACHABLE}`,
    ]);
    expect(stdout).toContain('the brokers did not answer, so the plan is not compared');
    expect(stdout).toContain('create orders.order-placed.v1: 12 partitions');
  });

  it('a real run against brokers that do not answer fails within seconds, with one line and exit code 1', async () => {
    const started = Date.now();
    await expect(topics([], UNREACHABLE)).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: `kafka:topics: cannot reach the Kafka brokers at ${UNREACHABLE}: Connection error: connect ECONNREFUSED ${UNREACHABLE}\n`,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
