import { kafkaSettingsFromEnv } from './kafka-settings';
import { schemaRegistrySettingsFromEnv } from './schema-registry-settings';

describe('schemaRegistrySettingsFromEnv', () => {
  it('is off by default: plain Avro values, as before', () => {
    expect(schemaRegistrySettingsFromEnv({})).toBeUndefined();
    expect(kafkaSettingsFromEnv({ KAFKA_BROKERS: 'a:1' }).schemaRegistry).toBeUndefined();
  });

  it('has production defaults once a URL is set: auto-registration, BACKWARD_TRANSITIVE, 5 s per request', () => {
    expect(schemaRegistrySettingsFromEnv({ SCHEMA_REGISTRY_URL: 'http://registry:8081/' })).toEqual({
      url: 'http://registry:8081',
      auth: undefined,
      timeoutMs: 5_000,
      autoRegister: true,
      compatibility: 'BACKWARD_TRANSITIVE',
    });
  });

  it('reads basic auth, the timeout, auto-registration and the compatibility level', () => {
    const settings = schemaRegistrySettingsFromEnv({
      SCHEMA_REGISTRY_URL: 'https://psrc.example.cloud',
      SCHEMA_REGISTRY_USERNAME: 'KEY',
      SCHEMA_REGISTRY_PASSWORD: 'SECRET',
      SCHEMA_REGISTRY_TIMEOUT_MS: '2000',
      SCHEMA_REGISTRY_AUTO_REGISTER: 'false',
      SCHEMA_REGISTRY_COMPATIBILITY: 'FULL',
    });
    expect(settings).toEqual({
      url: 'https://psrc.example.cloud',
      auth: { username: 'KEY', password: 'SECRET' },
      timeoutMs: 2_000,
      autoRegister: false,
      compatibility: 'FULL',
    });
  });

  it('refuses malformed values by name', () => {
    expect(() => schemaRegistrySettingsFromEnv({ SCHEMA_REGISTRY_URL: 'registry:8081' })).toThrow(
      /SCHEMA_REGISTRY_URL/,
    );
    expect(() => schemaRegistrySettingsFromEnv({ SCHEMA_REGISTRY_URL: 'ftp://registry' })).toThrow(
      /SCHEMA_REGISTRY_URL must be an http\(s\) URL/,
    );
    expect(() => schemaRegistrySettingsFromEnv({ SCHEMA_REGISTRY_URL: 'http://u:p@registry' })).toThrow(
      /must not hold credentials/,
    );
    expect(() =>
      schemaRegistrySettingsFromEnv({ SCHEMA_REGISTRY_URL: 'http://registry', SCHEMA_REGISTRY_USERNAME: 'KEY' }),
    ).toThrow(/set both or neither/);
    expect(() =>
      schemaRegistrySettingsFromEnv({ SCHEMA_REGISTRY_URL: 'http://registry', SCHEMA_REGISTRY_COMPATIBILITY: 'LOOSE' }),
    ).toThrow(/SCHEMA_REGISTRY_COMPATIBILITY/);
  });
});
