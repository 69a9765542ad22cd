import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_EVENT_CONTRACTS } from '@platform/events';
import { TEST_CONTRACTS } from '@platform/testing';
import { deadLetterTopicOf } from '@platform/dead-letters';
import { DEAD_LETTER_CONTEXTS, loadTopicSpecs } from './topic-specs';

const TOPICS_FILE = join(__dirname, '../../../../../schemas/topics.json');

function fileWith(topics: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'topics-')), 'topics.json');
  const defaults = { partitions: 6, replicationFactor: 3, config: { 'retention.ms': '1000' } };
  writeFileSync(path, JSON.stringify({ defaults, topics }));
  return path;
}

const everyTestTopic = (): Record<string, unknown> =>
  Object.fromEntries(
    [...TEST_CONTRACTS.map((c) => c.topic), ...DEAD_LETTER_CONTEXTS.map(deadLetterTopicOf)].map((t) => [t, {}]),
  );

describe('loadTopicSpecs', () => {
  it('the committed schemas/topics.json lists every contract topic and dead-letter topic, with sane settings', () => {
    const specs = loadTopicSpecs(TOPICS_FILE, ALL_EVENT_CONTRACTS);
    const names = specs.map((s) => s.name);
    for (const contract of ALL_EVENT_CONTRACTS) expect(names).toContain(contract.topic);
    expect(names).toContain('payments.dlq');
    for (const s of specs) {
      expect(s.replicationFactor).toBeGreaterThanOrEqual(3);
      expect(Number(s.config['min.insync.replicas'])).toBe(s.replicationFactor - 1);
    }
  });

  it('overlays a topic entry on the defaults and prefixes every name', () => {
    const topics = everyTestTopic();
    const [first] = TEST_CONTRACTS;
    topics[first.topic] = { partitions: 2, config: { 'cleanup.policy': 'compact' } };
    const specs = loadTopicSpecs(fileWith(topics), TEST_CONTRACTS, 'staging.');
    expect(specs.find((s) => s.name === `staging.${first.topic}`)).toEqual({
      name: `staging.${first.topic}`,
      partitions: 2,
      replicationFactor: 3,
      config: { 'retention.ms': '1000', 'cleanup.policy': 'compact' },
    });
    expect(specs.find((s) => s.name === 'staging.orders.dlq')?.partitions).toBe(6);
  });

  it('refuses a file that misses a contract topic or names an unknown one', () => {
    const topics = everyTestTopic();
    const [first] = TEST_CONTRACTS;
    delete topics[first.topic];
    topics['orders.order-placd.v1'] = {};
    expect(() => loadTopicSpecs(fileWith(topics), TEST_CONTRACTS)).toThrow(
      new RegExp(`${first.topic} is not listed[\\s\\S]*orders.order-placd.v1 is listed but no contract`),
    );
  });

  it('refuses partitions that are not a positive integer', () => {
    const topics = everyTestTopic();
    topics['orders.dlq'] = { partitions: 0 };
    expect(() => loadTopicSpecs(fileWith(topics), TEST_CONTRACTS)).toThrow(
      'orders.dlq: partitions must be a positive integer',
    );
  });
});
