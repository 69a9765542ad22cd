import { CONSUMER_SETTINGS } from '../pipeline/consumer-settings';
import { setting, SettingGroup, type Environment } from '@platform/config';
import { schemaRegistrySettingsFromEnv, type SchemaRegistrySettings } from './schema-registry-settings';

/**
 * Kafka settings (TRANSPORT=kafka), read once from the environment and documented in
 * .env.example. The defaults are for production; the test broker's limits (no idempotent
 * producer, slow rebalances) are handled by setting these, never by special cases in code.
 */
export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** put in front of every topic name, so environments (and tests) can share a cluster */
  readonly topicPrefix: string;
  /** put in front of every consumer group id; defaults to the topic prefix */
  readonly groupPrefix: string;
  readonly producer: {
    /** -1: every in-sync replica; 1: the leader only */
    readonly acks: -1 | 1;
    readonly idempotent: boolean;
    readonly compression: 'gzip' | 'none';
  };
  readonly consumer: {
    readonly sessionTimeoutMs: number;
    /**
     * kafkajs heartbeats between batches only, so the members that stay learn of a rebalance (a
     * member left or joined) at their first heartbeat after it: 1 s, not kafkajs' 3 s (ADR 0022)
     */
    readonly heartbeatIntervalMs: number;
    readonly rebalanceTimeoutMs: number;
    readonly partitionsConsumedConcurrently: number;
    /**
     * a long poll waits at most this long for records; a stop waits for it before it leaves the
     * group, and a member idle on its partitions heartbeats only when it returns (ADR 0022)
     */
    readonly maxWaitTimeMs: number;
    /** within one fetched batch, commit after this many records (and always at the batch's end) */
    readonly commitEveryRecords: number;
    /** within one fetched batch of a partition, records of different keys at once (one key's in order) */
    readonly keysAtOnce: boolean;
    /** first wait before a crashed consumer is started again; doubles up to 30 s */
    readonly restartDelayMs: number;
    /** at start, refuse to consume from topics that are missing or have fewer partitions than the topics file */
    readonly verifyTopics: boolean;
    /** the declarative topics file (partitions per topic) that verification compares with */
    readonly topicsFile: string;
  };
  readonly replay: {
    /**
     * a replay `--from` a time starts at the brokers' offsets for that time; off, it reads from
     * the beginning and skips older records (the mock cluster answers every time with the end)
     */
    readonly seekByTimestamp: boolean;
  };
  /** set (SCHEMA_REGISTRY_URL): record values are in the Confluent wire format, schemas in this registry */
  readonly schemaRegistry?: SchemaRegistrySettings;
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly logLevel: 'nothing' | 'error' | 'warn' | 'info' | 'debug';
}

export const KAFKA_SETTINGS = new SettingGroup('kafka transport', {
  KAFKA_BROKERS: setting.text('', 'bootstrap brokers, comma-separated host:port; required with TRANSPORT=kafka'),
  KAFKA_CLIENT_ID: setting.text('order-platform', 'client id the brokers see'),
  KAFKA_TOPIC_PREFIX: setting.text('', 'put in front of every topic name, so environments can share a cluster'),
  KAFKA_GROUP_PREFIX: setting.optional('put in front of every consumer group id (default: KAFKA_TOPIC_PREFIX)'),
  KAFKA_ACKS: setting.oneOf(
    ['all', 'leader'] as const,
    'all',
    'producer acknowledgement: every in-sync replica, or the leader',
  ),
  KAFKA_IDEMPOTENT: setting.bool(true, 'idempotent producer: a retried produce request is not written twice'),
  // none by default: gzip costs CPU in the relay and again in every group that reads the batch,
  // and the platform's small batches of small Avro records compress little (.env.example)
  KAFKA_COMPRESSION: setting.oneOf(['gzip', 'none'] as const, 'none', 'compression of produced batches'),
  KAFKA_SESSION_TIMEOUT_MS: setting.int(30_000, 'a group member silent this long is thrown out (ms)'),
  KAFKA_HEARTBEAT_INTERVAL_MS: setting.int(1_000, 'heartbeat interval of a group member (ms)'),
  KAFKA_REBALANCE_TIMEOUT_MS: setting.int(60_000, 'how long members may take to rejoin a rebalance (ms)'),
  // 16, not 4: the records the partitions hand over together share one consumer transaction (a
  // set, ADR 0026), so more partitions at once make bigger sets, as the in-process transport's
  // partition workers do, without holding more database connections
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: setting.int(16, 'partitions one group consumes at once in this process'),
  KAFKA_COMMIT_EVERY_RECORDS: setting.int(100, 'commit offsets every this many records within a batch'),
  KAFKA_FETCH_MAX_WAIT_MS: setting.int(1_000, 'longest wait of a fetch for new records (ms)'),
  KAFKA_RESTART_DELAY_MS: setting.int(1_000, 'first wait before a crashed consumer restarts (ms); doubles up to 30 s'),
  KAFKA_VERIFY_TOPICS: setting.bool(true, 'refuse to consume from missing or too small topics at start'),
  KAFKA_TOPICS_FILE: setting.text('schemas/topics.json', 'the declarative topics file verification compares with'),
  KAFKA_REPLAY_SEEK_BY_TIMESTAMP: setting.bool(true, "a replay from a time seeks to the brokers' offset for it"),
  KAFKA_CONNECTION_TIMEOUT_MS: setting.int(3_000, 'timeout of a broker connection (ms)'),
  KAFKA_REQUEST_TIMEOUT_MS: setting.int(30_000, 'timeout of one broker request (ms)'),
  KAFKA_LOG_LEVEL: setting.oneOf(
    ['nothing', 'error', 'warn', 'info', 'debug'] as const,
    'warn',
    "kafkajs' own log level",
  ),
});

export function kafkaSettingsFromEnv(env: Environment): KafkaSettings {
  const s = KAFKA_SETTINGS.read(env);
  const brokers = s.KAFKA_BROKERS.split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0)
    throw new Error('KAFKA_BROKERS must list the bootstrap brokers (host:port,...) when TRANSPORT=kafka');
  const topicPrefix = s.KAFKA_TOPIC_PREFIX;
  const acks = s.KAFKA_ACKS === 'all' ? -1 : 1;
  const idempotent = s.KAFKA_IDEMPOTENT;
  // kafkajs refuses every send of an idempotent producer without acks from all replicas: say so at start
  if (idempotent && acks !== -1)
    throw new Error('KAFKA_ACKS=leader needs KAFKA_IDEMPOTENT=false (idempotence needs acks=all)');
  return {
    brokers,
    clientId: s.KAFKA_CLIENT_ID,
    topicPrefix,
    groupPrefix: s.KAFKA_GROUP_PREFIX ?? topicPrefix,
    producer: {
      acks,
      idempotent,
      compression: s.KAFKA_COMPRESSION,
    },
    consumer: {
      sessionTimeoutMs: s.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: s.KAFKA_HEARTBEAT_INTERVAL_MS,
      rebalanceTimeoutMs: s.KAFKA_REBALANCE_TIMEOUT_MS,
      partitionsConsumedConcurrently: s.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
      maxWaitTimeMs: s.KAFKA_FETCH_MAX_WAIT_MS,
      commitEveryRecords: s.KAFKA_COMMIT_EVERY_RECORDS,
      keysAtOnce: CONSUMER_SETTINGS.read(env).CONSUMER_KEYS_AT_ONCE,
      restartDelayMs: s.KAFKA_RESTART_DELAY_MS,
      verifyTopics: s.KAFKA_VERIFY_TOPICS,
      topicsFile: s.KAFKA_TOPICS_FILE,
    },
    replay: { seekByTimestamp: s.KAFKA_REPLAY_SEEK_BY_TIMESTAMP },
    schemaRegistry: schemaRegistrySettingsFromEnv(env),
    connectionTimeoutMs: s.KAFKA_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: s.KAFKA_REQUEST_TIMEOUT_MS,
    logLevel: s.KAFKA_LOG_LEVEL,
  };
}
