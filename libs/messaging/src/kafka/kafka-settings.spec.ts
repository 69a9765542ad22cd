import { kafkaSettingsFromEnv } from './kafka-settings';

describe('kafkaSettingsFromEnv', () => {
  it('has production defaults: all replicas, idempotent, uncompressed, group timing for short rebalances', () => {
    const settings = kafkaSettingsFromEnv({ KAFKA_BROKERS: 'a:9092, b:9092' });
    expect(settings.brokers).toEqual(['a:9092', 'b:9092']);
    expect(settings.producer).toEqual({ acks: -1, idempotent: true, compression: 'none' });
    expect(settings.consumer).toMatchObject({
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 1_000,
      rebalanceTimeoutMs: 60_000,
      maxWaitTimeMs: 1_000,
      partitionsConsumedConcurrently: 16,
      keysAtOnce: true,
    });
    expect(settings.topicPrefix).toBe('');
    expect(settings.groupPrefix).toBe('');
  });

  it('compresses with gzip when asked', () => {
    expect(kafkaSettingsFromEnv({ KAFKA_BROKERS: 'a:1', KAFKA_COMPRESSION: 'gzip' }).producer.compression).toBe('gzip');
  });

  it('requires brokers', () => {
    expect(() => kafkaSettingsFromEnv({})).toThrow(/KAFKA_BROKERS/);
  });

  it('gives groups the topic prefix unless they have their own', () => {
    expect(kafkaSettingsFromEnv({ KAFKA_BROKERS: 'a:1', KAFKA_TOPIC_PREFIX: 'stg.' }).groupPrefix).toBe('stg.');
    expect(
      kafkaSettingsFromEnv({ KAFKA_BROKERS: 'a:1', KAFKA_TOPIC_PREFIX: 'stg.', KAFKA_GROUP_PREFIX: 'blue.' })
        .groupPrefix,
    ).toBe('blue.');
  });

  it('refuses an idempotent producer without acks from all replicas', () => {
    expect(() => kafkaSettingsFromEnv({ KAFKA_BROKERS: 'a:1', KAFKA_ACKS: 'leader' })).toThrow(
      /KAFKA_IDEMPOTENT=false/,
    );
    expect(
      kafkaSettingsFromEnv({ KAFKA_BROKERS: 'a:1', KAFKA_ACKS: 'leader', KAFKA_IDEMPOTENT: 'false' }).producer.acks,
    ).toBe(1);
  });

  it('refuses malformed values by name', () => {
    expect(() => kafkaSettingsFromEnv({ KAFKA_BROKERS: 'a:1', KAFKA_ACKS: '0' })).toThrow(/KAFKA_ACKS/);
    expect(() => kafkaSettingsFromEnv({ KAFKA_BROKERS: 'a:1', KAFKA_IDEMPOTENT: 'maybe' })).toThrow(/KAFKA_IDEMPOTENT/);
  });
});
