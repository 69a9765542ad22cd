import type { HandoverPlan } from '@platform/messaging';

/** the plan as the dry run and the real run print it (stdout) */
export function planLines(plan: HandoverPlan): string[] {
  const lines: string[] = [];
  for (const topic of plan.topics) {
    if (topic.groups.length === 0) {
      lines.push(`  ${topic.topic}: no consumer group reads it, nothing to hand over`);
      continue;
    }
    lines.push(`  ${topic.topic} (groups ${topic.groups.join(', ')}): ${topic.records} record(s)`);
    for (const p of topic.partitions) {
      lines.push(
        `    partition ${p.partition}: offsets ${p.from}..${p.to - 1n} (${p.to - p.from}), from where ${p.slowest} stands`,
      );
    }
  }
  lines.push(`  total: ${plan.records} record(s) in ${plan.topics.filter((t) => t.records > 0).length} topic(s)`);
  return lines;
}
