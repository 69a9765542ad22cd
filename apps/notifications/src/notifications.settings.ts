import { boolSetting, intSetting } from '@platform/config';

/** The notifications context's settings, read once at start (listed in .env.example). */
export interface NotificationsSettings {
  /** start with the fake e-mail gateway down (every send refused, retryably) */
  readonly gatewayDown: boolean;
  /** how long each send takes while the gateway is switched to `slow` (fault drills: consumer lag) */
  readonly gatewaySlowMs: number;
}

export const NOTIFICATIONS_SETTINGS = Symbol('NOTIFICATIONS_SETTINGS');

export function notificationsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationsSettings {
  return {
    gatewayDown: boolSetting('NOTIFICATIONS_GATEWAY_DOWN', false, env),
    gatewaySlowMs: intSetting('NOTIFICATIONS_GATEWAY_SLOW_MS', 250, { env, min: 0 }),
  };
}
