import type { InvariantResult } from './invariant';

/**
 * The results as a plain-text table (invariant, verdict, detail), each failed invariant followed
 * by the violations it listed. Plain text so it reads the same in a terminal, a CI log or a test.
 */
export function formatResults(results: readonly InvariantResult[]): string {
  const verdictOf = (r: InvariantResult): string => (r.error ? 'ERROR' : r.ok ? 'ok' : 'FAILED');
  const nameWidth = Math.max('invariant'.length, ...results.map((r) => r.name.length));
  const verdictWidth = Math.max('result'.length, ...results.map((r) => verdictOf(r).length));
  const row = (name: string, verdict: string, detail: string): string =>
    `${name.padEnd(nameWidth)} | ${verdict.padEnd(verdictWidth)} | ${detail}`;
  const lines = [
    row('invariant', 'result', 'detail'),
    `${'-'.repeat(nameWidth)}-+-${'-'.repeat(verdictWidth)}-+-------`,
  ];
  for (const result of results) {
    lines.push(row(result.name, verdictOf(result), result.detail));
    for (const violation of result.violations) lines.push(`${' '.repeat(nameWidth)}   - ${violation}`);
  }
  const violated = results.filter((r) => !r.ok && !r.error).length;
  const unchecked = results.filter((r) => r.error).length;
  const summary = [
    violated > 0 ? `${violated} of ${results.length} invariants violated` : '',
    unchecked > 0 ? `${unchecked} could not be checked` : '',
  ].filter(Boolean);
  lines.push('', summary.length === 0 ? `all ${results.length} invariants hold` : summary.join('; '));
  return lines.join('\n');
}
