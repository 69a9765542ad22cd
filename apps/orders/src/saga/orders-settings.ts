import { intSetting } from '@platform/config';

/** The orders context's settings, read once at start (strictly: a malformed value stops the process). */
export class OrdersSettings {
  constructor(
    /** ORDERS_SAGA_TIMEOUT_MS: how long a PENDING order waits for stock and payment before it is cancelled */
    readonly sagaTimeoutMs: number,
    /** ORDERS_SAGA_SWEEP_MS: how often the sweeper looks for PENDING orders past their deadline */
    readonly sweepIntervalMs: number,
    /**
     * ORDERS_MAX_PENDING: POST /orders answers 503 with Retry-After while this many orders are
     * PENDING (0: never). A bounded backlog turns overload into refusals the client can retry,
     * instead of orders that wait until the saga timeout cancels them.
     */
    readonly maxPending: number,
    /**
     * ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS, in ms: how long an Idempotency-Key answers with the
     * order it placed. Older, it is free again (a request with it places a new order) and the
     * retention job deletes it (docs/adr/0014).
     */
    readonly idempotencyKeyRetentionMs: number,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): OrdersSettings {
    return new OrdersSettings(
      intSetting('ORDERS_SAGA_TIMEOUT_MS', 30_000, { env }),
      intSetting('ORDERS_SAGA_SWEEP_MS', 500, { env }),
      intSetting('ORDERS_MAX_PENDING', 500, { min: 0, env }),
      intSetting('ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS', 24, { env }) * 3_600_000,
    );
  }
}
