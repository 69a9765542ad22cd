import { CONTEXTS } from '../../../scripts/invariants/check-invariants';
import type { Deployment } from './deployment';

export interface DeadLetterCount {
  readonly context: string;
  readonly group: string;
  readonly topic: string;
  readonly code: string;
  readonly status: string;
  readonly n: number;
}

/** every context's dead letters, counted by group, topic, error code and status */
export async function deadLetterCounts(d: Deployment): Promise<DeadLetterCount[]> {
  const { rows } = await d.db.query(
    CONTEXTS.map(
      (c) =>
        `SELECT '${c}' AS context, consumer_group AS group, topic, error_code AS code, status, count(*)::int AS n
           FROM ${c}.dead_letters GROUP BY 2, 3, 4, 5`,
    ).join(' UNION ALL ') + ' ORDER BY 1, 2, 3, 4, 5',
  );
  return rows as DeadLetterCount[];
}

export function summarise(counts: readonly DeadLetterCount[]): string {
  if (counts.length === 0) return 'none';
  return counts.map((c) => `${c.group} ${c.topic} ${c.code} ${c.status} x${c.n}`).join('; ');
}

/**
 * What an operator does once the cause is fixed: re-drive every pending letter of `context`
 * through the admin API (POST /admin/dead-letters/redrive), batch after batch.
 */
export async function redriveAll(
  d: Deployment,
  context: string,
): Promise<{ redriven: number; handled: number; duplicates: number; failedAgain: number }> {
  const total = { redriven: 0, handled: 0, duplicates: 0, failedAgain: 0 };
  for (;;) {
    const batch = (await d.admin(context, 'POST', '/admin/dead-letters/redrive', { context, limit: 500 })) as {
      redriven: number;
      handled: number;
      duplicates: number;
      failedAgain: number;
    };
    total.redriven += batch.redriven;
    total.handled += batch.handled;
    total.duplicates += batch.duplicates;
    total.failedAgain += batch.failedAgain;
    if (batch.redriven < 500) return total;
  }
}
