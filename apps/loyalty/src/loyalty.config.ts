import { intSetting } from '@platform/config';

/** The loyalty context's settings, read once at start (strictly: a malformed value stops the process). */
export interface LoyaltyConfig {
  /** points per whole currency unit of a confirmed order's total */
  readonly pointsPerUnit: number;
}

export const LOYALTY_CONFIG = Symbol('LOYALTY_CONFIG');

export function loyaltyConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LoyaltyConfig {
  return { pointsPerUnit: intSetting('LOYALTY_POINTS_PER_UNIT', 1, { env }) };
}
