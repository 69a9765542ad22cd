/** Process-wide messaging settings, read once from the environment (documented in .env.example). */
export interface PlatformConfig {
  readonly transport: 'inprocess' | 'kafka';
  readonly inprocessPartitions: number;
  readonly inprocessBatchSize: number;
  readonly inprocessIdlePollMs: number;
  readonly inprocessRetentionMs: number;
}

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

export function platformConfigFromEnv(env = process.env): PlatformConfig {
  const transport = env.TRANSPORT || 'inprocess';
  if (transport !== 'inprocess' && transport !== 'kafka') {
    throw new Error(`TRANSPORT must be "inprocess" or "kafka", got "${transport}"`);
  }
  if (transport === 'kafka')
    throw new Error('TRANSPORT=kafka is not available yet (issue #5); use TRANSPORT=inprocess');
  return {
    transport,
    inprocessPartitions: Number(env.INPROCESS_PARTITIONS || 8),
    inprocessBatchSize: Number(env.INPROCESS_BATCH_SIZE || 100),
    inprocessIdlePollMs: Number(env.INPROCESS_IDLE_POLL_MS || 1000),
    inprocessRetentionMs: Number(env.INPROCESS_RETENTION_HOURS || 168) * 3_600_000,
  };
}
