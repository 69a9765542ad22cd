import { Client } from 'pg';
import { ALL_EVENT_CONTRACTS, AvroCodec, EnvelopeCodec, EventCatalogue } from '@platform/events';
import { compareShadow, type ShadowComparison } from '@platform/messaging';
import { eventually } from '@platform/testing';
import {
  CONTEXTS,
  checkInvariants,
  type ContextName,
  type InvariantResult,
} from '../../../scripts/invariants/check-invariants';
import { formatResults } from '../../../scripts/invariants/report';
import { connectSources } from '../../../scripts/invariants/sources';
import type { ProcessPlatform } from './process-platform';

/**
 * What the migration tests (a context's data moved, shadowed, cut over) ask of databases that
 * each hold some of the contexts: where each context lives, whether every order settled, whether
 * the invariants hold across them, and how a shadow compares with its live context.
 */

/** every context on one database */
export function urlsOf(url: string): Record<ContextName, string> {
  return Object.fromEntries(CONTEXTS.map((c) => [c, url])) as Record<ContextName, string>;
}

/** every accepted order, and no other, reached DELIVERED or CANCELLED */
export async function everyOrderSettled(platform: ProcessPlatform, accepted: readonly string[]): Promise<void> {
  const rows = await eventually(
    async () =>
      (await platform.db.query('SELECT id::text AS id, status FROM orders.orders')) as Array<{
        id: string;
        status: string;
      }>,
    (r) => r.length === accepted.length && r.every((o) => o.status === 'DELIVERED' || o.status === 'CANCELLED'),
    { expected: `all ${accepted.length} orders DELIVERED or CANCELLED`, timeoutMs: 60_000, intervalMs: 500 },
  );
  expect(rows.map((r) => r.id).sort()).toEqual([...accepted].sort());
}

/** the invariant checker over each context's own database, as `check:invariants` reads <CONTEXT>_DATABASE_URL */
export async function invariantsHold(urls: Record<ContextName, string>): Promise<void> {
  let results: InvariantResult[] = [];
  await eventually(
    async () => {
      const connected = await connectSources(urls);
      try {
        return (results = await checkInvariants(connected.sources, { settleMs: 0 }));
      } finally {
        await connected.close();
      }
    },
    (r) => r.every((i) => i.ok),
    { expected: 'every invariant to hold once the flow is at rest', timeoutMs: 30_000, intervalMs: 500 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${formatResults(results)}`);
  });
}

/** `work` with a connection to each of two databases */
export async function withBoth<T>(
  firstUrl: string,
  secondUrl: string,
  work: (first: Client, second: Client) => Promise<T>,
): Promise<T> {
  const [first, second] = [new Client({ connectionString: firstUrl }), new Client({ connectionString: secondUrl })];
  await Promise.all([first.connect(), second.connect()]);
  try {
    return await work(first, second);
  } finally {
    await Promise.all([first.end(), second.end()]);
  }
}

/** what `migrate compare` computes, through the same comparator, for the test to look into */
export function shadowComparison(context: string, liveUrl: string, shadowUrl: string): Promise<ShadowComparison> {
  return withBoth(liveUrl, shadowUrl, (live, shadow) => {
    const on = (c: Client) => (sql: string, params?: unknown[]) =>
      c.query(sql, params).then((r) => r.rows as Array<Record<string, unknown>>);
    return compareShadow(
      context,
      on(live),
      on(shadow),
      new EnvelopeCodec(new EventCatalogue(ALL_EVENT_CONTRACTS), new AvroCodec()),
    );
  });
}

/** the rows of one query on `url` */
export async function rowsOn(url: string, text: string, params?: unknown[]): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}
