import { setting, SettingGroup, type Environment } from '@platform/config';
import { SUBJECT_COMPATIBILITIES, type SchemaRegistryOptions } from '@platform/events';

/** The schema registry settings (TRANSPORT=kafka), documented in .env.example and ADR 0013. */
export type SchemaRegistrySettings = Omit<SchemaRegistryOptions, 'clientId'>;

export const SCHEMA_REGISTRY_SETTINGS = new SettingGroup('schema registry', {
  SCHEMA_REGISTRY_URL: setting.text(
    '',
    'Confluent-compatible schema registry; set: values in the Confluent wire format',
  ),
  SCHEMA_REGISTRY_USERNAME: setting.text('', 'HTTP basic auth user of the registry (set both or neither)'),
  SCHEMA_REGISTRY_PASSWORD: setting.text('', 'HTTP basic auth password of the registry', { secret: true }),
  SCHEMA_REGISTRY_TIMEOUT_MS: setting.int(5_000, 'limit of one registry request (ms)'),
  SCHEMA_REGISTRY_AUTO_REGISTER: setting.bool(true, "register a topic's schema when the subject lacks it"),
  SCHEMA_REGISTRY_COMPATIBILITY: setting.oneOf(
    SUBJECT_COMPATIBILITIES,
    'BACKWARD_TRANSITIVE',
    'compatibility level set on a subject this platform registers first',
  ),
});

/**
 * SCHEMA_REGISTRY_URL unset (the default): no registry, record values are the plain Avro body.
 * Set: values are in the Confluent wire format, on the producer and the consumer side alike, so
 * every process of a deployment must agree on it.
 */
export function schemaRegistrySettingsFromEnv(env: Environment): SchemaRegistrySettings | undefined {
  const s = SCHEMA_REGISTRY_SETTINGS.read(env);
  const raw = s.SCHEMA_REGISTRY_URL;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SCHEMA_REGISTRY_URL must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`SCHEMA_REGISTRY_URL must be an http(s) URL, got "${raw}"`);
  if (url.username || url.password)
    throw new Error('SCHEMA_REGISTRY_URL must not hold credentials: set SCHEMA_REGISTRY_USERNAME and _PASSWORD');
  const username = s.SCHEMA_REGISTRY_USERNAME;
  // untrimmed: a secret is taken as given
  const password = env.SCHEMA_REGISTRY_PASSWORD ?? '';
  if (Boolean(username) !== Boolean(password))
    throw new Error('SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD go together: set both or neither');
  return {
    url: raw.replace(/\/+$/, ''),
    auth: username ? { username, password } : undefined,
    timeoutMs: s.SCHEMA_REGISTRY_TIMEOUT_MS,
    autoRegister: s.SCHEMA_REGISTRY_AUTO_REGISTER,
    compatibility: s.SCHEMA_REGISTRY_COMPATIBILITY,
  };
}
