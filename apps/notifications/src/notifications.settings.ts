import { boolSetting } from '@platform/config';

/** The notifications context's settings, read once at start (listed in .env.example). */
export interface NotificationsSettings {
  /** start with the fake e-mail gateway down (every send refused, retryably) */
  readonly gatewayDown: boolean;
}

export const NOTIFICATIONS_SETTINGS = Symbol('NOTIFICATIONS_SETTINGS');

export function notificationsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationsSettings {
  return { gatewayDown: boolSetting('NOTIFICATIONS_GATEWAY_DOWN', false, env) };
}
