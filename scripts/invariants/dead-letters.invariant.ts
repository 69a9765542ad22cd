import { contextsWithTable } from './context-tables';
import { num, resultOf, type Invariant, type InvariantResult, type Sources } from './invariant';

export const DEAD_LETTERS = 'dead-letters';

/**
 * Every dead letter says why it is there: an error code and a message an operator can act on.
 * Pending dead letters are not violations in themselves (they wait for a re-drive), but the
 * detail counts them per context and code, because after a clean run there should be none.
 */
export async function checkDeadLetters(sources: Sources): Promise<InvariantResult> {
  const { present } = await contextsWithTable(sources, 'dead_letters');
  const violations: string[] = [];
  const pending: string[] = [];
  for (const [context, query] of present) {
    const unexplained = await query(
      `SELECT id, consumer_group, topic FROM ${context}.dead_letters
        WHERE COALESCE(btrim(error_code), '') = '' OR COALESCE(btrim(error_message), '') = '' ORDER BY id`,
    );
    for (const row of unexplained) {
      violations.push(
        `${context}.dead_letters #${String(row.id)} (${String(row.consumer_group)}, ${String(row.topic)}): no error code or message`,
      );
    }
    const codes = await query(
      `SELECT error_code, count(*) AS n FROM ${context}.dead_letters WHERE status = 'pending' GROUP BY error_code ORDER BY 1`,
    );
    for (const row of codes) pending.push(`${context} ${String(row.error_code)} x${num(row.n)}`);
  }
  const summary = pending.length > 0 ? `pending: ${pending.join(', ')}` : 'none pending';
  return resultOf(DEAD_LETTERS, `${present.length} dead-letter tables, ${summary}`, violations);
}

export const deadLettersInvariant: Invariant = { name: DEAD_LETTERS, check: checkDeadLetters };
