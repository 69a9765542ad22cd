import { setting, SettingGroup, type Environment } from '@platform/config';

export const ANALYTICS_SETTING_GROUP = new SettingGroup('analytics', {
  ANALYTICS_FAILING: setting.bool(
    false,
    'start with every analytics handler failing (PUT /admin/analytics/mode flips it)',
  ),
});

/** The analytics context's settings, parsed once from the root's environment. */
export interface AnalyticsSettings {
  /** the failure mode the context starts in (fault drills) */
  readonly startFailing: boolean;
}

export const ANALYTICS_SETTINGS = Symbol('ANALYTICS_SETTINGS');

export function analyticsSettingsFrom(env: Environment): AnalyticsSettings {
  return { startFailing: ANALYTICS_SETTING_GROUP.read(env).ANALYTICS_FAILING };
}
