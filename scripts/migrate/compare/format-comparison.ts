import { COMPARISON_RESULTS, countByType, type ShadowComparison } from '@platform/messaging';

/** the compare command's table: per type, each result's count; then every output that did not match */
export function formatComparison(c: ShadowComparison, kafkaLag: number | undefined, limit = 20): string {
  const counts = countByType(c.comparisons);
  const width = Math.max(4, ...[...counts.keys()].map((t) => t.length));
  const lines = [
    `shadow of ${c.run.context} since ${c.run.startedAt.toISOString()} (live snapshot ${c.run.liveSnapshotAt.toISOString()})`,
    `inputs both processed since the copy: ${c.comparedInputs}; lag: ${c.lagInputs} input(s) the live context processed that the shadow has not` +
      (kafkaLag === undefined ? '' : `; Kafka lag of ${c.run.shadowGroup}: ${kafkaLag} record(s)`),
    '',
    `  ${'type'.padEnd(width)}  ${COMPARISON_RESULTS.map((r) => r.padStart(10)).join('  ')}`,
  ];
  for (const [type, row] of counts)
    lines.push(`  ${type.padEnd(width)}  ${COMPARISON_RESULTS.map((r) => String(row[r]).padStart(10)).join('  ')}`);
  if (counts.size === 0) lines.push('  (nothing produced for the compared inputs)');
  const differing = c.comparisons.filter((x) => x.result !== 'matched');
  if (differing.length > 0) {
    lines.push('', `not matched (${differing.length}${differing.length > limit ? `, first ${limit}` : ''}):`);
    for (const d of differing.slice(0, limit)) {
      const where = d.difference
        ? `: ${d.difference.path} live ${JSON.stringify(d.difference.live)} shadow ${JSON.stringify(d.difference.shadow)}`
        : '';
      lines.push(`  ${d.result} ${d.type} key ${d.key} (input ${d.input})${where}`);
    }
  }
  return lines.join('\n');
}
