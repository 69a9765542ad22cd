/**
 * Reading settings from the environment, strictly: a value that is set but malformed stops the
 * process at start with the setting's name, instead of becoming NaN and, say, retrying a
 * failing event forever. Empty means unset.
 *
 * They never read the process environment themselves: a composition root reads the environment once, at
 * start, and hands the snapshot down (docs/adr/0024-one-composition-root.md).
 */

/** the environment as a composition root read it: names to raw text */
export type Environment = Readonly<Record<string, string | undefined>>;

export function intSetting(name: string, fallback: number, options: { min?: number; env: Environment }): number {
  const raw = options.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  const min = options.min ?? 1;
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

export function boolSetting(name: string, fallback: boolean, env: Environment): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === '1' || raw === 'yes') return true;
  if (raw === 'false' || raw === '0' || raw === 'no') return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

export function stringSetting(name: string, fallback: string, env: Environment): string {
  const raw = env[name]?.trim();
  return raw ? raw : fallback;
}

export function oneOfSetting<T extends string>(name: string, allowed: readonly T[], fallback: T, env: Environment): T {
  const raw = stringSetting(name, fallback, env);
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}
