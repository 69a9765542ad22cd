import { PlatformOutboxKey1766000000000 } from './outbox-key.migration';
import { PlatformOutboxPendingOrder1764000000003 } from './outbox-pending-order.migration';
import { PlatformOutbox1764000000000 } from './outbox.migration';

/** Every migration of the outbox, in order: what a context's data source runs for it. */
export const OUTBOX_MIGRATIONS = [
  PlatformOutbox1764000000000,
  PlatformOutboxPendingOrder1764000000003,
  PlatformOutboxKey1766000000000,
] as const;
