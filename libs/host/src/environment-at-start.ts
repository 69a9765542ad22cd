import { SettingsCatalogue, type Environment, type SettingGroup } from '@platform/config';
import { PLATFORM_SETTINGS } from './platform-settings';

/**
 * What a composition root (a deployable's main.ts, a CLI's) does first: take the environment once,
 * as an immutable snapshot, and check it against its catalogue, the platform's settings and
 * `settings`: an unknown name with a platform prefix, or a malformed value, throws a SettingsError.
 */
export function environmentAtStart(
  processEnv: NodeJS.ProcessEnv,
  settings: readonly SettingGroup[],
): { readonly env: Environment; readonly catalogue: SettingsCatalogue } {
  const env: Environment = Object.freeze({ ...processEnv });
  const catalogue = new SettingsCatalogue([...PLATFORM_SETTINGS, ...settings]);
  catalogue.validate(env);
  return { env, catalogue };
}
