import { setting, SettingGroup, type Environment } from '@platform/config';

export const NOTIFICATIONS_SETTING_GROUP = new SettingGroup('notifications (fake e-mail gateway)', {
  NOTIFICATIONS_GATEWAY_DOWN: setting.bool(false, 'start with the fake e-mail gateway down (sending is retried)'),
  NOTIFICATIONS_GATEWAY_SLOW_MS: setting.int(250, 'how long each send takes while the fake gateway is slow (ms)', {
    min: 0,
  }),
});

/** The notifications context's settings, parsed once from the root's environment (listed in .env.example). */
export interface NotificationsSettings {
  /** start with the fake e-mail gateway down (every send refused, retryably) */
  readonly gatewayDown: boolean;
  /** how long each send takes while the gateway is switched to `slow` (fault drills: consumer lag) */
  readonly gatewaySlowMs: number;
}

export const NOTIFICATIONS_SETTINGS = Symbol('NOTIFICATIONS_SETTINGS');

export function notificationsSettingsFromEnv(env: Environment): NotificationsSettings {
  const s = NOTIFICATIONS_SETTING_GROUP.read(env);
  return { gatewayDown: s.NOTIFICATIONS_GATEWAY_DOWN, gatewaySlowMs: s.NOTIFICATIONS_GATEWAY_SLOW_MS };
}
