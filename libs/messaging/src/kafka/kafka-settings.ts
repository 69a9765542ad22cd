import { boolSetting, intSetting, oneOfSetting, stringSetting } from '@platform/config';
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

export function kafkaSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaSettings {
  const brokers = stringSetting('KAFKA_BROKERS', '', env)
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0)
    throw new Error('KAFKA_BROKERS must list the bootstrap brokers (host:port,...) when TRANSPORT=kafka');
  const topicPrefix = env.KAFKA_TOPIC_PREFIX?.trim() ?? '';
  const acks = oneOfSetting('KAFKA_ACKS', ['all', 'leader'] as const, 'all', env) === 'all' ? -1 : 1;
  const idempotent = boolSetting('KAFKA_IDEMPOTENT', true, env);
  // kafkajs refuses every send of an idempotent producer without acks from all replicas: say so at start
  if (idempotent && acks !== -1)
    throw new Error('KAFKA_ACKS=leader needs KAFKA_IDEMPOTENT=false (idempotence needs acks=all)');
  return {
    brokers,
    clientId: stringSetting('KAFKA_CLIENT_ID', 'order-platform', env),
    topicPrefix,
    groupPrefix: env.KAFKA_GROUP_PREFIX?.trim() || topicPrefix,
    producer: {
      acks,
      idempotent,
      compression: oneOfSetting('KAFKA_COMPRESSION', ['gzip', 'none'] as const, 'gzip', env),
    },
    consumer: {
      sessionTimeoutMs: intSetting('KAFKA_SESSION_TIMEOUT_MS', 30_000, { env }),
      heartbeatIntervalMs: intSetting('KAFKA_HEARTBEAT_INTERVAL_MS', 1_000, { env }),
      rebalanceTimeoutMs: intSetting('KAFKA_REBALANCE_TIMEOUT_MS', 60_000, { env }),
      partitionsConsumedConcurrently: intSetting('KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY', 4, { env }),
      maxWaitTimeMs: intSetting('KAFKA_FETCH_MAX_WAIT_MS', 1_000, { env }),
      commitEveryRecords: intSetting('KAFKA_COMMIT_EVERY_RECORDS', 100, { env }),
      restartDelayMs: intSetting('KAFKA_RESTART_DELAY_MS', 1_000, { env }),
      verifyTopics: boolSetting('KAFKA_VERIFY_TOPICS', true, env),
      topicsFile: stringSetting('KAFKA_TOPICS_FILE', 'schemas/topics.json', env),
    },
    replay: { seekByTimestamp: boolSetting('KAFKA_REPLAY_SEEK_BY_TIMESTAMP', true, env) },
    schemaRegistry: schemaRegistrySettingsFromEnv(env),
    connectionTimeoutMs: intSetting('KAFKA_CONNECTION_TIMEOUT_MS', 3_000, { env }),
    requestTimeoutMs: intSetting('KAFKA_REQUEST_TIMEOUT_MS', 30_000, { env }),
    logLevel: oneOfSetting('KAFKA_LOG_LEVEL', ['nothing', 'error', 'warn', 'info', 'debug'] as const, 'warn', env),
  };
}
