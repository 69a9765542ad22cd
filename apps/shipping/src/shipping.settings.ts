import { boolSetting, intSetting } from '@platform/config';

/** The shipping context's settings, read once at start (listed in .env.example). */
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

export function shippingSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ShippingSettings {
  return {
    carrierFailuresBeforeSuccess: intSetting('SHIPPING_CARRIER_FAILURES_BEFORE_SUCCESS', 0, { min: 0, env }),
    dispatchAfterMs: intSetting('SHIPPING_DISPATCH_AFTER_MS', 2000, { min: 0, env }),
    deliverAfterMs: intSetting('SHIPPING_DELIVER_AFTER_MS', 4000, { min: 0, env }),
    tickMs: intSetting('SHIPPING_TICK_MS', 250, { env }),
    autoAdvance: boolSetting('SHIPPING_AUTO_ADVANCE', true, env),
  };
}
