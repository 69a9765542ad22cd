import { boolSetting, intSetting, oneOfSetting, stringSetting } from '@platform/config';
import { SUBJECT_COMPATIBILITIES, type SchemaRegistryOptions } from '@platform/events';

/** The schema registry settings (TRANSPORT=kafka), documented in .env.example and ADR 0013. */
export type SchemaRegistrySettings = Omit<SchemaRegistryOptions, 'clientId'>;

/**
 * SCHEMA_REGISTRY_URL unset (the default): no registry, record values are the plain Avro body.
 * Set: values are in the Confluent wire format, on the producer and the consumer side alike, so
 * every process of a deployment must agree on it.
 */
export function schemaRegistrySettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): SchemaRegistrySettings | undefined {
  const raw = stringSetting('SCHEMA_REGISTRY_URL', '', env);
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
  const username = stringSetting('SCHEMA_REGISTRY_USERNAME', '', env);
  const password = env.SCHEMA_REGISTRY_PASSWORD ?? '';
  if (Boolean(username) !== Boolean(password))
    throw new Error('SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD go together: set both or neither');
  return {
    url: raw.replace(/\/+$/, ''),
    auth: username ? { username, password } : undefined,
    timeoutMs: intSetting('SCHEMA_REGISTRY_TIMEOUT_MS', 5_000, { env }),
    autoRegister: boolSetting('SCHEMA_REGISTRY_AUTO_REGISTER', true, env),
    compatibility: oneOfSetting('SCHEMA_REGISTRY_COMPATIBILITY', SUBJECT_COMPATIBILITIES, 'BACKWARD_TRANSITIVE', env),
  };
}
