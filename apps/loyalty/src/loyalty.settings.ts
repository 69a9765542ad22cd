import { setting, SettingGroup, type Environment } from '@platform/config';

export const LOYALTY_SETTING_GROUP = new SettingGroup('loyalty', {
  LOYALTY_POINTS_PER_UNIT: setting.int(1, 'points per whole currency unit of a confirmed order'),
});

/** The loyalty context's settings, parsed once from the root's environment (a malformed value stops the start). */
export interface LoyaltyConfig {
  /** points per whole currency unit of a confirmed order's total */
  readonly pointsPerUnit: number;
}

export const LOYALTY_CONFIG = Symbol('LOYALTY_CONFIG');

export function loyaltyConfigFrom(env: Environment): LoyaltyConfig {
  return { pointsPerUnit: LOYALTY_SETTING_GROUP.read(env).LOYALTY_POINTS_PER_UNIT };
}
