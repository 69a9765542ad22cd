import { contextsWithTable } from './context-tables';
import {
  ageMs,
  num,
  resultOf,
  type Invariant,
  type InvariantOptions,
  type InvariantResult,
  type Sources,
} from './invariant';

export const OUTBOX = 'outbox';

/**
 * Nothing stuck in any context's outbox: no unpublished row older than outboxMaxAgeMs. A stuck
 * row is an event every consumer is still waiting for (a relay down, or a long transaction
 * holding the relay back: docs/adr/0004).
 */
export async function checkOutbox(sources: Sources, options: InvariantOptions): Promise<InvariantResult> {
  const { present, missing } = await contextsWithTable(sources, 'outbox');
  const violations: string[] = [];
  let pending = 0;
  for (const [context, query] of present) {
    const [row] = await query(
      `SELECT count(*) AS pending,
              count(*) FILTER (WHERE created_at < now() - $1 * interval '1 millisecond') AS stuck,
              ${ageMs('min(created_at)')} AS oldest_ms,
              (array_agg(topic ORDER BY id))[1] AS oldest_topic
         FROM ${context}.outbox WHERE published_at IS NULL`,
      [options.outboxMaxAgeMs],
    );
    pending += num(row.pending);
    if (num(row.stuck) > 0) {
      violations.push(
        `${context}.outbox: ${num(row.stuck)} unpublished row(s) older than ${options.outboxMaxAgeMs} ms (oldest ${Math.round(num(row.oldest_ms))} ms, ${String(row.oldest_topic)})`,
      );
    }
  }
  const absent = missing.length > 0 ? `; no outbox in ${missing.join(', ')}` : '';
  return resultOf(OUTBOX, `${present.length} outboxes, ${pending} row(s) pending${absent}`, violations);
}

export const outboxInvariant: Invariant = { name: OUTBOX, check: checkOutbox };
