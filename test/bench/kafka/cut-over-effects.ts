import { Client } from 'pg';
import { eventually } from '@platform/testing';
import { consumedByOutcome } from '../../faults/support/metrics';
import type { PlatformDb } from '../orders/platform-db';

/**
 * Whether the cut-over lost or repeated anything of the context's work, from its effects: every
 * confirmed order of the run has its one loyalty credit in the ledger where loyalty now lives
 * (the ledger's (order_id, kind) key makes a second credit impossible, so a repeat shows in the
 * consumer: the new deployment's duplicates, which stay 0 when it resumed exactly where the
 * shadow stopped). Loyalty only: it is the one context phase D cuts over.
 */
export interface ContextEffects {
  /** orders of the run that were confirmed (whatever they became after) */
  readonly confirmed: number;
  /** confirmed orders with no credit in the new ledger */
  readonly lost: number;
  /** credits for orders that were not confirmed */
  readonly extra: number;
  /** events_consumed_total{outcome="duplicate"} of the new deployment */
  readonly duplicates: number;
  /** the new deployment's handled records */
  readonly handled: number;
}

const SETTLE_TIMEOUT_MS = 30_000;

export async function contextEffects(
  context: string,
  live: PlatformDb,
  shadowUrl: string,
  promotedUrl: string,
): Promise<ContextEffects> {
  // the orders confirmed last are credited a fetch wait or two after the drain; the figures are
  // reported as they stand when that does not come, not thrown
  const settled = (e: ContextEffects) => e.lost === 0 && e.extra === 0;
  return eventually(() => once(context, live, shadowUrl, promotedUrl), settled, {
    expected: 'every confirmed order credited once',
    timeoutMs: SETTLE_TIMEOUT_MS,
    intervalMs: 500,
  }).catch(() => once(context, live, shadowUrl, promotedUrl));
}

async function once(
  context: string,
  live: PlatformDb,
  shadowUrl: string,
  promotedUrl: string,
): Promise<ContextEffects> {
  const confirmed = new Set(
    (
      await live.query<{ id: string }>(
        `SELECT DISTINCT order_id::text AS id FROM orders.order_timeline WHERE kind = 'CONFIRMED'`,
      )
    ).map((r) => r.id),
  );
  const shadow = new Client({ connectionString: shadowUrl });
  await shadow.connect();
  const credited = await shadow
    .query<{ id: string }>(`SELECT order_id AS id FROM ${context}.ledger WHERE kind = 'CREDIT'`)
    .then((r) => new Set(r.rows.map((row) => row.id)))
    .finally(() => shadow.end());
  const consumed = consumedByOutcome(await (await fetch(`${promotedUrl}/metrics`)).text(), context);
  return {
    confirmed: confirmed.size,
    lost: [...confirmed].filter((id) => !credited.has(id)).length,
    extra: [...credited].filter((id) => !confirmed.has(id)).length,
    duplicates: consumed.duplicate ?? 0,
    handled: consumed.handled ?? 0,
  };
}
