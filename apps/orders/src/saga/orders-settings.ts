import { intSetting } from '@platform/config';

/** The orders context's settings, read once at start (strictly: a malformed value stops the process). */
export class OrdersSettings {
  constructor(
    /** ORDERS_SAGA_TIMEOUT_MS: how long a PENDING order waits for stock and payment before it is cancelled */
    readonly sagaTimeoutMs: number,
    /** ORDERS_SAGA_SWEEP_MS: how often the sweeper looks for PENDING orders past their deadline */
    readonly sweepIntervalMs: number,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): OrdersSettings {
    return new OrdersSettings(
      intSetting('ORDERS_SAGA_TIMEOUT_MS', 30_000, { env }),
      intSetting('ORDERS_SAGA_SWEEP_MS', 500, { env }),
    );
  }
}
