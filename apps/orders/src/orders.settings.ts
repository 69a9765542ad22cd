import { setting, SettingGroup, type Environment } from '@platform/config';

export const ORDERS_SETTING_GROUP = new SettingGroup('orders', {
  ORDERS_SAGA_TIMEOUT_MS: setting.int(
    30_000,
    'how long a PENDING order waits for stock and payment before it is cancelled (ms)',
  ),
  ORDERS_SAGA_SWEEP_MS: setting.int(
    500,
    "how often the saga's sweeper looks for PENDING orders past their deadline (ms)",
  ),
  ORDERS_MAX_PENDING: setting.int(
    500,
    'POST /orders answers 503 ORDER.OVERLOADED while this many are PENDING; 0: off',
    {
      min: 0,
    },
  ),
  ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS: setting.int(
    24,
    'how long an Idempotency-Key answers with the order it placed',
  ),
  ORDERS_PLACE_MAX_BATCH: setting.int(
    32,
    'POST /orders placed together in one transaction at most, when they arrive while one runs; 1: off',
    { min: 1 },
  ),
});

/** The orders context's settings, parsed once from the root's environment (a malformed value stops the start). */
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
    /**
     * ORDERS_PLACE_MAX_BATCH: orders placed together in one transaction at most (group commit of
     * POST /orders, docs/adr/0026-work-in-sets.md); 1 gives every request its own transaction.
     */
    readonly placeMaxBatch: number,
  ) {}

  static from(env: Environment): OrdersSettings {
    const s = ORDERS_SETTING_GROUP.read(env);
    return new OrdersSettings(
      s.ORDERS_SAGA_TIMEOUT_MS,
      s.ORDERS_SAGA_SWEEP_MS,
      s.ORDERS_MAX_PENDING,
      s.ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000,
      s.ORDERS_PLACE_MAX_BATCH,
    );
  }
}
