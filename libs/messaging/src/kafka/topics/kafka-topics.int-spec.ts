import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { kafkaTestBrokers, newKafkaTestPrefix } from '@platform/testing';
import { verifyTopics } from './verify-topics';

// Topic provisioning and start-up verification against a real Kafka-protocol broker (the mock
// cluster). It has no controller, so `kafka:topics` can only plan there (--dry-run, with
// --ignore-configs since it cannot describe configs), and topics appear when a metadata request
// names them, with 4 partitions: that is how these tests make a topic exist.

const SUITE = 'kafka:topics and topic verification';
const ROOT = resolve(__dirname, '../../../../..');
const brokers = kafkaTestBrokers(SUITE);
const run = promisify(execFile);

(brokers ? describe : describe.skip)('Kafka topics on the mock cluster', () => {
  let admin: Admin;

  beforeAll(async () => {
    admin = new Kafka({ clientId: 'topics-test', brokers: brokers!.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });

  afterAll(() => admin?.disconnect());

  /** makes a topic exist the only way the mock cluster allows: a metadata request naming it */
  const autoCreate = (topic: string): Promise<unknown> => admin.fetchTopicMetadata({ topics: [topic] });

  it('verification names every missing topic and every topic short of partitions, and passes once they are right', async () => {
    const prefix = newKafkaTestPrefix();
    const placed = `${prefix}orders.order-placed.v1`;
    const confirmed = `${prefix}orders.order-confirmed.v1`;

    await expect(
      verifyTopics(admin, [
        { name: placed, minPartitions: 4 },
        { name: confirmed, minPartitions: 4 },
      ]),
    ).rejects.toThrow(`${placed} does not exist; ${confirmed} does not exist. Run \`npm run kafka:topics\``);
    // listing must not have created them
    expect(await admin.listTopics()).not.toContain(placed);

    await autoCreate(placed);
    await expect(
      verifyTopics(admin, [
        { name: placed, minPartitions: 12 },
        { name: confirmed, minPartitions: 4 },
      ]),
    ).rejects.toThrow(`${confirmed} does not exist; ${placed} has 4 partition(s), the topics file asks for 12`);

    await autoCreate(confirmed);
    await expect(
      verifyTopics(admin, [
        { name: placed, minPartitions: 4 },
        { name: confirmed, minPartitions: 2 },
      ]),
    ).resolves.toBeUndefined();
  });

  it('kafka:topics --dry-run plans creations and partition growth from schemas/topics.json and changes nothing', async () => {
    const prefix = newKafkaTestPrefix();
    await autoCreate(`${prefix}payments.payment-captured.v1`); // exists with 4 of the 12 partitions asked for
    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/kafka/topics.ts', '--dry-run', '--ignore-configs'],
      { cwd: ROOT, env: { ...process.env, KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix } },
    );
    expect(stdout).toContain('(dry run: nothing is changed)');
    expect(stdout).toContain(
      `grow ${prefix}payments.payment-captured.v1 from 4 to 12 partitions (keys hash to new partitions from now on)`,
    );
    expect(stdout).toContain(
      `create ${prefix}orders.order-placed.v1: 12 partitions, replication factor 3, min.insync.replicas=2 cleanup.policy=delete retention.ms=2592000000`,
    );
    expect(stdout).toContain(`create ${prefix}payments.dlq: 3 partitions`);
    const created = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    expect(created).toEqual([`${prefix}payments.payment-captured.v1`]);
  });

  it('kafka:topics refuses to shrink a topic and exits 1', async () => {
    const prefix = newKafkaTestPrefix();
    await autoCreate(`${prefix}orders.dlq`); // 4 partitions; the file asks for 3
    const failed = run(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/kafka/topics.ts', '--dry-run', '--ignore-configs'],
      { cwd: ROOT, env: { ...process.env, KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix } },
    );
    await expect(failed).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        `cannot apply: ${prefix}orders.dlq has 4 partitions and the file asks for 3: Kafka cannot remove partitions`,
      ),
    });
  });
});
