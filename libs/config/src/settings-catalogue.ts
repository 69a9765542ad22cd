import { closestName } from './closest-name';
import type { Environment } from './env-settings';
import { masked } from './masking';
import type { SettingFamily, SettingGroup } from './setting-group';

/** a setting the operator got wrong: the process says so in one line and does not start */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/**
 * Every setting a composition root knows, gathered from the groups their owners declare. The
 * names' first words (KAFKA_, ORDERS_, ...) are the platform's prefixes: a variable that carries
 * one but is not in the catalogue is a typo or a leftover, refused at start rather than ignored.
 */
export class SettingsCatalogue {
  private readonly byName = new Map<string, { group: SettingGroup; secret: boolean }>();

  constructor(readonly groups: readonly SettingGroup[]) {
    for (const group of groups)
      for (const name of group.names) {
        if (this.byName.has(name)) throw new Error(`${name} is declared twice (${group.owner})`);
        this.byName.set(name, { group, secret: group.specs[name].secret });
      }
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  private get families(): SettingFamily[] {
    return this.groups.flatMap((group) => group.families);
  }

  /** the first word of every non-standard name that has one */
  get prefixes(): string[] {
    const prefixes = this.groups
      .filter((group) => !group.options.standard)
      .flatMap((group) => group.names)
      .filter((name) => name.includes('_'))
      .map((name) => name.slice(0, name.indexOf('_') + 1));
    return [...new Set(prefixes)].sort();
  }

  /** the names in `env` that carry a platform prefix but are no known setting */
  unknownIn(env: Environment): string[] {
    const prefixes = this.prefixes;
    return Object.keys(env)
      .filter((name) => prefixes.some((prefix) => name.startsWith(prefix)))
      .filter((name) => !this.byName.has(name) && !this.familyOf(name))
      .sort();
  }

  /** refuses the first unknown setting, naming the closest known one; then parses every setting */
  validate(env: Environment): void {
    const [unknown] = this.unknownIn(env);
    if (unknown) {
      const near = closestName(unknown, this.names);
      throw new SettingsError(`unknown setting ${unknown}${near ? ` (did you mean ${near}?)` : ''}`);
    }
    for (const group of this.groups) group.read(env);
  }

  /** `NAME=value` for every setting, its default when unset, secrets and URL passwords masked */
  describe(env: Environment): string[] {
    const lines = this.groups.flatMap((group) =>
      group.names.map((name) => {
        const spec = group.specs[name];
        const raw = env[name]?.trim();
        const value = raw ? masked(raw, spec.secret) : spec.shown;
        return `${name}=${value}${raw ? '' : '   # default'}`;
      }),
    );
    const familyLines = Object.keys(env)
      .filter((name) => !this.byName.has(name))
      .flatMap((name) => {
        const family = this.familyOf(name);
        return family && env[name]?.trim() ? [`${name}=${masked(env[name].trim(), family.secret)}`] : [];
      });
    return [...lines, ...familyLines.sort()];
  }

  private familyOf(name: string): SettingFamily | undefined {
    return this.families.find((family) => family.pattern.test(name));
  }
}
