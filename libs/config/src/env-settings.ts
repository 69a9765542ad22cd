/**
 * Reading settings from the environment, strictly: a value that is set but malformed stops the
 * process at start with the setting's name, instead of becoming NaN and, say, retrying a
 * failing event forever. Empty means unset.
 */
export function intSetting(
  name: string,
  fallback: number,
  options: { min?: number; env?: NodeJS.ProcessEnv } = {},
): number {
  const raw = (options.env ?? process.env)[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  const min = options.min ?? 1;
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

export function boolSetting(name: string, fallback: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === '1' || raw === 'yes') return true;
  if (raw === 'false' || raw === '0' || raw === 'no') return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

export function stringSetting(name: string, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  const raw = env[name]?.trim();
  return raw ? raw : fallback;
}

export function oneOfSetting<T extends string>(
  name: string,
  allowed: readonly T[],
  fallback: T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const raw = stringSetting(name, fallback, env);
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}
