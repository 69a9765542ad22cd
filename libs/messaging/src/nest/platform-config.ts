import { intSetting, oneOfSetting } from '@platform/config';
import { kafkaSettingsFromEnv, type KafkaSettings } from '../kafka/kafka-settings';
import { shadowSettingsFromEnv, type ShadowSettings } from '../shadow/shadow-settings';

/** Process-wide messaging settings, read once from the environment (documented in .env.example). */
export interface PlatformConfig {
  readonly transport: 'inprocess' | 'kafka';
  readonly inprocessPartitions: number;
  readonly inprocessBatchSize: number;
  readonly inprocessIdlePollMs: number;
  readonly inprocessCommitIntervalMs: number;
  readonly inprocessRetentionMs: number;
  /** set when transport is kafka */
  readonly kafka?: KafkaSettings;
  /** SHADOW=true: this deployment is a shadow run of its context (ADR 0021) */
  readonly shadow: ShadowSettings;
}

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

export function platformConfigFromEnv(env = process.env): PlatformConfig {
  const transport = oneOfSetting('TRANSPORT', ['inprocess', 'kafka'] as const, 'inprocess', env);
  return {
    transport,
    inprocessPartitions: intSetting('INPROCESS_PARTITIONS', 8, { env }),
    inprocessBatchSize: intSetting('INPROCESS_BATCH_SIZE', 100, { env }),
    inprocessIdlePollMs: intSetting('INPROCESS_IDLE_POLL_MS', 5000, { env }),
    inprocessCommitIntervalMs: intSetting('INPROCESS_COMMIT_INTERVAL_MS', 100, { min: 0, env }),
    inprocessRetentionMs: intSetting('INPROCESS_RETENTION_HOURS', 168, { env }) * 3_600_000,
    kafka: transport === 'kafka' ? kafkaSettingsFromEnv(env) : undefined,
    shadow: shadowSettingsFromEnv(env),
  };
}
