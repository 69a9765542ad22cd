import { Client } from 'pg';
import { ALL_EVENT_CONTRACTS, AvroCodec, EnvelopeCodec, EventCatalogue } from '@platform/events';
import { compareShadow, type ShadowComparison } from '@platform/messaging';

/**
 * What a cut-over to a shadow looks like from the two databases (docs/deploy.md#cut-over): the
 * comparison `migrate compare` prints, the inputs the shadow processed ahead of the live context,
 * and the processing pause as the two inboxes show it. Shared by the cut-over e2e test and
 * bench:kafka's cut-over phase, which follow the same procedure.
 */
async function onBoth<T>(
  liveUrl: string,
  shadowUrl: string,
  use: (live: Client, shadow: Client) => Promise<T>,
): Promise<T> {
  const [live, shadow] = [new Client({ connectionString: liveUrl }), new Client({ connectionString: shadowUrl })];
  await Promise.all([live.connect(), shadow.connect()]);
  try {
    return await use(live, shadow);
  } finally {
    await Promise.all([live.end(), shadow.end()]);
  }
}

export function shadowComparison(context: string, liveUrl: string, shadowUrl: string): Promise<ShadowComparison> {
  return onBoth(liveUrl, shadowUrl, (live, shadow) => {
    const on = (c: Client) => (sql: string, params?: unknown[]) =>
      c.query(sql, params).then((r) => r.rows as Array<Record<string, unknown>>);
    const codec = new EnvelopeCodec(new EventCatalogue(ALL_EVENT_CONTRACTS), new AvroCodec());
    return compareShadow(context, on(live), on(shadow), codec);
  });
}

/** inputs the shadow processed since the copy that the live context never did */
export function aheadOfLive(context: string, liveUrl: string, shadowUrl: string): Promise<number> {
  return onBoth(liveUrl, shadowUrl, async (live, shadow) => {
    const inbox = `SELECT event_id::text AS id FROM ${context}.inbox WHERE consumer_group = $1`;
    const byLive = new Set((await live.query<{ id: string }>(inbox, [context])).rows.map((r) => r.id));
    return (await shadow.query<{ id: string }>(inbox, [context])).rows.filter((r) => !byLive.has(r.id)).length;
  });
}

/**
 * The gap in the context's group's progress: from the live context's last processed record (its
 * inbox) to the first record the promoted deployment processed (the shadow database's inbox,
 * after the promotion). Both in ms since the epoch by PostgreSQL's clock; the first is undefined
 * until the new deployment has processed a record. One server for both databases: one clock.
 */
export function cutOverProgress(
  context: string,
  liveUrl: string,
  shadowUrl: string,
): Promise<{ lastLive?: number; firstPromoted?: number }> {
  return onBoth(liveUrl, shadowUrl, async (live, shadow) => {
    const [last] = (
      await live.query<{ at: Date | null }>(
        `SELECT max(processed_at) AS at FROM ${context}.inbox WHERE consumer_group = $1`,
        [context],
      )
    ).rows;
    const [first] = (
      await shadow.query<{ at: Date | null }>(
        `SELECT min(i.processed_at) AS at FROM ${context}.inbox i, ${context}.shadow_run r
          WHERE i.consumer_group = $1 AND i.processed_at > (to_jsonb(r)->>'promoted_at')::timestamptz`,
        [context],
      )
    ).rows;
    return { lastLive: last?.at?.getTime(), firstPromoted: first?.at?.getTime() };
  });
}
