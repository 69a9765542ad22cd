import { setting, SettingGroup, type Environment } from '@platform/config';

export const SHIPPING_SETTING_GROUP = new SettingGroup('shipping (fake carrier)', {
  SHIPPING_CARRIER_FAILURES_BEFORE_SUCCESS: setting.int(
    0,
    'the fake carrier refuses the first N create calls (retryable)',
    {
      min: 0,
    },
  ),
  SHIPPING_DISPATCH_AFTER_MS: setting.int(2000, 'fake carrier clock: CREATED -> DISPATCHED after this long (ms)', {
    min: 0,
  }),
  SHIPPING_DELIVER_AFTER_MS: setting.int(4000, 'fake carrier clock: DISPATCHED -> DELIVERED after this long (ms)', {
    min: 0,
  }),
  SHIPPING_TICK_MS: setting.int(250, 'how often the carrier clock looks for due shipments (ms)'),
  SHIPPING_AUTO_ADVANCE: setting.bool(true, 'false stops the clock: shipments move only through the admin endpoint'),
});

/** The shipping context's settings, parsed once from the root's environment (listed in .env.example). */
export interface ShippingSettings {
  /** the fake carrier refuses this many create calls after start (retryably), then accepts */
  readonly carrierFailuresBeforeSuccess: number;
  /** how long after creation the fake carrier dispatches a shipment */
  readonly dispatchAfterMs: number;
  /** how long after dispatch the fake carrier delivers it */
  readonly deliverAfterMs: number;
  /** how often the ticker looks for shipments the carrier has moved on */
  readonly tickMs: number;
  /** false: shipments move only through the admin endpoint */
  readonly autoAdvance: boolean;
}

export const SHIPPING_SETTINGS = Symbol('SHIPPING_SETTINGS');

export function shippingSettingsFromEnv(env: Environment): ShippingSettings {
  const s = SHIPPING_SETTING_GROUP.read(env);
  return {
    carrierFailuresBeforeSuccess: s.SHIPPING_CARRIER_FAILURES_BEFORE_SUCCESS,
    dispatchAfterMs: s.SHIPPING_DISPATCH_AFTER_MS,
    deliverAfterMs: s.SHIPPING_DELIVER_AFTER_MS,
    tickMs: s.SHIPPING_TICK_MS,
    autoAdvance: s.SHIPPING_AUTO_ADVANCE,
  };
}
