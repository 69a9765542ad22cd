import { Client } from 'pg';
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
 * each hold some of the contexts: where each context lives, whether every order settled, and
 * whether the invariants hold across them (a shadow's probes: shadow-probes.ts).
 */

/** every context on one database */
export function urlsOf(url: string): Record<ContextName, string> {
  return Object.fromEntries(CONTEXTS.map((c) => [c, url])) as Record<ContextName, string>;
}

/** every accepted order, and no other, reached DELIVERED or CANCELLED */
export async function everyOrderSettled(
  platform: ProcessPlatform,
  accepted: readonly string[],
  timeoutMs = 60_000,
): Promise<void> {
  const rows = await eventually(
    async () =>
      (await platform.db.query('SELECT id::text AS id, status FROM orders.orders')) as Array<{
        id: string;
        status: string;
      }>,
    (r) => r.length === accepted.length && r.every((o) => o.status === 'DELIVERED' || o.status === 'CANCELLED'),
    { expected: `all ${accepted.length} orders DELIVERED or CANCELLED`, timeoutMs, intervalMs: 500 },
  );
  expect(rows.map((r) => r.id).sort()).toEqual([...accepted].sort());
}

/** the invariant checker over each context's own database, as `check:invariants` reads <CONTEXT>_DATABASE_URL */
export async function invariantsHold(
  urls: Record<ContextName, string>,
  expected = 'every invariant to hold once the flow is at rest',
): Promise<void> {
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
    { expected, timeoutMs: 30_000, intervalMs: 500 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${formatResults(results)}`);
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
