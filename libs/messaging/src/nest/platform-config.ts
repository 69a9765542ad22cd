import type { Environment } from '@platform/config';
import { CONSUMER_SETTINGS } from '../pipeline/consumer-settings';
import { kafkaSettingsFromEnv, type KafkaSettings } from '../kafka/kafka-settings';
import { shadowSettingsFromEnv, type ShadowSettings } from '../shadow/shadow-settings';
import { TRANSPORT_SETTINGS } from './transport-settings';

/** Process-wide messaging settings, parsed once from the root's environment (documented in .env.example). */
export interface PlatformConfig {
  readonly transport: 'inprocess' | 'kafka';
  readonly inprocessPartitions: number;
  readonly inprocessBatchSize: number;
  readonly inprocessIdlePollMs: number;
  readonly inprocessCommitIntervalMs: number;
  readonly inprocessRetentionMs: number;
  /** CONSUMER_KEYS_AT_ONCE: a partition's records of different keys at once, on either transport */
  readonly keysAtOnce: boolean;
  /** set when transport is kafka */
  readonly kafka?: KafkaSettings;
  /** SHADOW=true: this deployment is a shadow run of its context (ADR 0021) */
  readonly shadow: ShadowSettings;
}

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

/** the consumers' RetryPolicy, for code that must know when the pipeline gives up (CONSUMER_*) */
export const RETRY_POLICY = Symbol('RETRY_POLICY');

export function platformConfigFromEnv(env: Environment): PlatformConfig {
  const s = TRANSPORT_SETTINGS.read(env);
  return {
    transport: s.TRANSPORT,
    inprocessPartitions: s.INPROCESS_PARTITIONS,
    inprocessBatchSize: s.INPROCESS_BATCH_SIZE,
    inprocessIdlePollMs: s.INPROCESS_IDLE_POLL_MS,
    inprocessCommitIntervalMs: s.INPROCESS_COMMIT_INTERVAL_MS,
    inprocessRetentionMs: s.INPROCESS_RETENTION_HOURS * 3_600_000,
    keysAtOnce: CONSUMER_SETTINGS.read(env).CONSUMER_KEYS_AT_ONCE,
    kafka: s.TRANSPORT === 'kafka' ? kafkaSettingsFromEnv(env) : undefined,
    shadow: shadowSettingsFromEnv(env),
  };
}
