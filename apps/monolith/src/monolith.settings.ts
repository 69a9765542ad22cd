import { setting, SettingGroup, type SettingGroup as Group } from '@platform/config';
import { ANALYTICS_SETTING_GROUP } from '@contexts/analytics';
import { INVENTORY_SETTING_GROUP } from '@contexts/inventory';
import { LOYALTY_SETTING_GROUP } from '@contexts/loyalty';
import { NOTIFICATIONS_SETTING_GROUP } from '@contexts/notifications';
import { ORDERS_SETTING_GROUP } from '@contexts/orders';
import { PAYMENTS_SETTING_GROUP } from '@contexts/payments';
import { SHIPPING_SETTING_GROUP } from '@contexts/shipping';

export const MONOLITH_SETTING_GROUP = new SettingGroup('monolith', {
  CONTEXTS: setting.text('', 'comma-separated contexts this process runs (e.g. orders,inventory); unset: all of them'),
});

/**
 * The monolith's own setting and every context's: beside the platform's (PLATFORM_SETTINGS), the
 * whole catalogue, which `.env.example` lists exactly (test/architecture/env-example.spec.ts).
 */
export const MONOLITH_SETTINGS: readonly Group[] = [
  MONOLITH_SETTING_GROUP,
  INVENTORY_SETTING_GROUP,
  PAYMENTS_SETTING_GROUP,
  ORDERS_SETTING_GROUP,
  SHIPPING_SETTING_GROUP,
  NOTIFICATIONS_SETTING_GROUP,
  LOYALTY_SETTING_GROUP,
  ANALYTICS_SETTING_GROUP,
];
