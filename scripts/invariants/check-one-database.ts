import { checkInvariants, type InvariantResult } from './check-invariants';
import { CONTEXTS, type ContextName } from './invariant';
import { connectSources } from './sources';

export interface DatabaseCheck {
  readonly invariants: InvariantResult[];
  /** accepted (202) orders the orders table does not have */
  readonly lost: string[];
}

/**
 * The invariant checker over one database holding every context (the monolith's, or a test's),
 * with the platform at rest (settle 0), and which of the `accepted` orders are missing from it.
 */
export async function checkOneDatabase(url: string, accepted: readonly string[]): Promise<DatabaseCheck> {
  const connected = await connectSources(
    Object.fromEntries(CONTEXTS.map((context) => [context, url])) as Record<ContextName, string>,
  );
  try {
    const invariants = await checkInvariants(connected.sources, { settleMs: 0 });
    const found = await connected.sources.orders('SELECT id::text FROM orders.orders WHERE id = ANY($1::uuid[])', [
      accepted,
    ]);
    const present = new Set(found.map((row) => String(row.id)));
    return { invariants, lost: accepted.filter((id) => !present.has(id)) };
  } finally {
    await connected.close();
  }
}
