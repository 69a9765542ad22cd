import { firstDifference, type FieldDifference } from './first-difference';

/** one thing a context produced for one input event: an event in its outbox, or an effect row */
export interface ProducedOutput {
  /** the id of the input event that caused it (causation id, or the effect's cause column) */
  readonly input: string;
  /** the event type (`order-confirmed`) or the effect's kind (`ledger.CREDIT`) */
  readonly type: string;
  /** the record key or the effect's key column (an order id) */
  readonly key: string;
  /** the decoded payload, or the row's columns */
  readonly fields: unknown;
}

export const COMPARISON_RESULTS = ['matched', 'mismatched', 'missing', 'extra'] as const;
export type ComparisonResult = (typeof COMPARISON_RESULTS)[number];

export interface OutputComparison {
  readonly input: string;
  readonly type: string;
  readonly key: string;
  readonly result: ComparisonResult;
  /** set when mismatched */
  readonly difference?: FieldDifference;
}

/**
 * Pairs what the live context and its shadow produced for the same inputs (the caller passes only
 * outputs of inputs both processed): by input, type and key, in order within that; a live output
 * without a shadow partner is missing, a shadow output without a live one is extra, a pair is
 * matched or mismatched at its first differing field.
 */
export function compareOutputs(
  live: readonly ProducedOutput[],
  shadow: readonly ProducedOutput[],
  ignored: ReadonlySet<string> = new Set(),
): OutputComparison[] {
  const shadowByPair = groupBy(shadow);
  const results: OutputComparison[] = [];
  for (const [pair, lives] of groupBy(live)) {
    const shadows = shadowByPair.get(pair) ?? [];
    shadowByPair.delete(pair);
    lives.forEach((l, i) => {
      const s = shadows[i];
      const head = { input: l.input, type: l.type, key: l.key };
      if (!s) results.push({ ...head, result: 'missing' });
      else {
        const difference = firstDifference(l.fields, s.fields, ignored);
        results.push(difference ? { ...head, result: 'mismatched', difference } : { ...head, result: 'matched' });
      }
    });
    for (const s of shadows.slice(lives.length))
      results.push({ input: s.input, type: s.type, key: s.key, result: 'extra' });
  }
  for (const shadows of shadowByPair.values())
    for (const s of shadows) results.push({ input: s.input, type: s.type, key: s.key, result: 'extra' });
  return results.sort((a, b) => a.type.localeCompare(b.type) || a.key.localeCompare(b.key));
}

/** counts per type and result, every result present (0 when none) */
export function countByType(comparisons: readonly OutputComparison[]): Map<string, Record<ComparisonResult, number>> {
  const counts = new Map<string, Record<ComparisonResult, number>>();
  for (const c of comparisons) {
    const row = counts.get(c.type) ?? { matched: 0, mismatched: 0, missing: 0, extra: 0 };
    row[c.result] += 1;
    counts.set(c.type, row);
  }
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

export function totals(comparisons: readonly OutputComparison[]): Record<ComparisonResult, number> {
  const sum = { matched: 0, mismatched: 0, missing: 0, extra: 0 };
  for (const c of comparisons) sum[c.result] += 1;
  return sum;
}

function groupBy(outputs: readonly ProducedOutput[]): Map<string, ProducedOutput[]> {
  const groups = new Map<string, ProducedOutput[]>();
  for (const o of outputs) {
    const pair = `${o.input}\u0000${o.type}\u0000${o.key}`;
    groups.set(pair, [...(groups.get(pair) ?? []), o]);
  }
  return groups;
}
