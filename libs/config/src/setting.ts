import { boolSetting, intSetting, oneOfSetting, stringSetting, type Environment } from './env-settings';

/**
 * One setting, declared once beside the code that owns it: how its text is parsed (the strict
 * parsers of env-settings.ts), its default, whether it is a secret, and what it means. The
 * catalogue gathers these to refuse unknown names, to print the effective settings and to keep
 * `.env.example` honest.
 */
export interface SettingSpec<T> {
  readonly meaning: string;
  /** the default as an operator would write it; '' when unset means "none" */
  readonly shown: string;
  readonly secret: boolean;
  read(name: string, env: Environment): T;
}

export function int(fallback: number, meaning: string, options: { min?: number } = {}): SettingSpec<number> {
  return spec(String(fallback), meaning, (name, env) => intSetting(name, fallback, { ...options, env }));
}

export function bool(fallback: boolean, meaning: string): SettingSpec<boolean> {
  return spec(String(fallback), meaning, (name, env) => boolSetting(name, fallback, env));
}

export function text(fallback: string, meaning: string, options: { secret?: boolean } = {}): SettingSpec<string> {
  return spec(fallback, meaning, (name, env) => stringSetting(name, fallback, env), options.secret);
}

/** a setting without a default: undefined when unset or empty */
export function optional(meaning: string, options: { secret?: boolean } = {}): SettingSpec<string | undefined> {
  return spec('', meaning, (name, env) => stringSetting(name, '', env) || undefined, options.secret);
}

/** a whole number without a default: undefined when unset (its user derives one) */
export function optionalInt(meaning: string, shown = ''): SettingSpec<number | undefined> {
  return spec(shown, meaning, (name, env) => (env[name]?.trim() ? intSetting(name, 1, { env }) : undefined));
}

/** a flag without a default: undefined when unset (its user derives one) */
export function optionalBool(meaning: string, shown = ''): SettingSpec<boolean | undefined> {
  return spec(shown, meaning, (name, env) => (env[name]?.trim() ? boolSetting(name, false, env) : undefined));
}

export function oneOf<T extends string>(allowed: readonly T[], fallback: T, meaning: string): SettingSpec<T> {
  return spec(fallback, meaning, (name, env) => oneOfSetting(name, allowed, fallback, env));
}

function spec<T>(
  shown: string,
  meaning: string,
  read: (name: string, env: Environment) => T,
  secret = false,
): SettingSpec<T> {
  return { shown, meaning, secret, read };
}
