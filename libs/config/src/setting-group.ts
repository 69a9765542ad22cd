import type { Environment } from './env-settings';
import type { SettingSpec } from './setting';

type Specs = Readonly<Record<string, SettingSpec<unknown>>>;
export type SettingValues<S extends Specs> = { readonly [K in keyof S]: S[K] extends SettingSpec<infer T> ? T : never };

/** a family of names one declaration covers, such as `<CONTEXT>_DATABASE_URL` */
export interface SettingFamily {
  readonly label: string;
  readonly pattern: RegExp;
  readonly meaning: string;
  readonly secret: boolean;
}

export interface SettingGroupOptions {
  readonly families?: readonly SettingFamily[];
  /**
   * the names are a standard another library reads too (OTEL_*): their prefix is not the
   * platform's, so an OTEL_ name the catalogue does not know is not refused
   */
  readonly standard?: boolean;
}

/**
 * The settings one part of the platform owns, by name. `read(env)` parses all of them at once
 * into a typed record, so the code that uses a setting names it once, here.
 */
export class SettingGroup<S extends Specs = Specs> {
  constructor(
    readonly owner: string,
    readonly specs: S,
    readonly options: SettingGroupOptions = {},
  ) {}

  get names(): string[] {
    return Object.keys(this.specs);
  }

  get families(): readonly SettingFamily[] {
    return this.options.families ?? [];
  }

  read(env: Environment): SettingValues<S> {
    const values: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(this.specs)) values[name] = spec.read(name, env);
    return values as SettingValues<S>;
  }
}
