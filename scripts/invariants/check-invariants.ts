import { analyticsInvariant } from './analytics.invariant';
import { deadLettersInvariant } from './dead-letters.invariant';
import {
  CONTEXTS,
  DEFAULT_OPTIONS,
  type Invariant,
  type InvariantOptions,
  type InvariantResult,
  type Query,
  type Sources,
} from './invariant';
import { loyaltyInvariant } from './loyalty.invariant';
import { notificationsInvariant } from './notifications.invariant';
import { orderStatesInvariant } from './order-states.invariant';
import { outboxInvariant } from './outbox.invariant';
import { paymentsInvariant } from './payments.invariant';
import { stockFollowsOrdersInvariant } from './stock-follows-orders.invariant';
import { stockInvariant } from './stock.invariant';

export * from './invariant';

/** Every invariant of the order flow, in the order they are reported. */
export const INVARIANTS: readonly Invariant[] = [
  orderStatesInvariant,
  stockInvariant,
  stockFollowsOrdersInvariant,
  paymentsInvariant,
  loyaltyInvariant,
  notificationsInvariant,
  analyticsInvariant,
  outboxInvariant,
  deadLettersInvariant,
];

/**
 * Runs every invariant against the contexts' databases, one after the other (a snapshot
 * connection runs one query at a time anyway). A check that cannot run (a database down, a
 * table missing) is reported as failed with `error` set, and the others still run.
 */
export async function checkInvariants(
  sources: Sources,
  options: Partial<InvariantOptions> = {},
): Promise<InvariantResult[]> {
  const settings: InvariantOptions = { ...DEFAULT_OPTIONS, ...options };
  const results: InvariantResult[] = [];
  for (const invariant of INVARIANTS) {
    try {
      results.push(await invariant.check(sources, settings));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({
        name: invariant.name,
        ok: false,
        detail: `could not check: ${message}`,
        violations: [],
        error: message,
      });
    }
  }
  return results;
}

/** The monolith: every context in one database (each in its own schema). */
export function sharedDatabase(query: Query): Sources {
  return Object.fromEntries(CONTEXTS.map((context) => [context, query])) as Record<(typeof CONTEXTS)[number], Query>;
}
