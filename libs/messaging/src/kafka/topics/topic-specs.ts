import { readFileSync } from 'node:fs';
import type { EventContract } from '@platform/events';
import { deadLetterTopicOf } from '@platform/dead-letters';

/** One Kafka topic as the platform wants it. */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Kafka topic configs (`retention.ms`, `cleanup.policy`, `min.insync.replicas`, ...), as strings */
  readonly config: Readonly<Record<string, string>>;
}

interface TopicSettings {
  readonly partitions?: number;
  readonly replicationFactor?: number;
  readonly config?: Record<string, string>;
}

interface TopicsFile {
  readonly defaults: Required<TopicSettings>;
  readonly topics: Record<string, TopicSettings>;
}

/** The contexts whose consumers can dead-letter, each with its `<context>.dlq` topic. */
export const DEAD_LETTER_CONTEXTS = [
  'inventory',
  'orders',
  'payments',
  'shipping',
  'notifications',
  'loyalty',
  'analytics',
] as const;

/**
 * Reads the declarative topics file (schemas/topics.json): each topic's settings are the
 * defaults overlaid by its own entry. Refuses a file that leaves out a contract's topic or a
 * dead-letter topic, or that names a topic nothing uses, so the file cannot drift from the
 * catalogue. `prefix` (KAFKA_TOPIC_PREFIX) is put in front of every name.
 */
export function loadTopicSpecs(path: string, contracts: readonly EventContract[], prefix = ''): TopicSpec[] {
  const file = JSON.parse(readFileSync(path, 'utf8')) as TopicsFile;
  const known = new Set([...contracts.map((c) => c.topic), ...DEAD_LETTER_CONTEXTS.map(deadLetterTopicOf)]);
  const listed = new Set(Object.keys(file.topics));
  const missing = [...known].filter((topic) => !listed.has(topic));
  const unknown = [...listed].filter((topic) => !known.has(topic));
  const problems = [
    ...missing.map((topic) => `${topic} is not listed`),
    ...unknown.map((topic) => `${topic} is listed but no contract or dead-letter topic has that name`),
  ];
  const specs = Object.entries(file.topics).map(([name, own]) => {
    const spec: TopicSpec = {
      name: `${prefix}${name}`,
      partitions: own.partitions ?? file.defaults.partitions,
      replicationFactor: own.replicationFactor ?? file.defaults.replicationFactor,
      config: { ...file.defaults.config, ...own.config },
    };
    if (!isPositiveInteger(spec.partitions)) problems.push(`${name}: partitions must be a positive integer`);
    if (!isPositiveInteger(spec.replicationFactor))
      problems.push(`${name}: replicationFactor must be a positive integer`);
    for (const [key, value] of Object.entries(spec.config)) {
      if (typeof value !== 'string') problems.push(`${name}: config ${key} must be a string`);
    }
    return spec;
  });
  if (problems.length > 0) throw new Error(`${path}:\n  ${problems.join('\n  ')}`);
  return specs.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * The partition count the topics file asks for, per catalogue topic, without checking the file
 * against a catalogue (an app verifies only the topics it consumes).
 */
export function readTopicPartitions(path: string): Map<string, number> {
  const file = JSON.parse(readFileSync(path, 'utf8')) as TopicsFile;
  return new Map(Object.entries(file.topics).map(([name, own]) => [name, own.partitions ?? file.defaults.partitions]));
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
