import type { PlatformMetrics } from '@platform/observability';
import type { DeadLetterTable } from './dead-letter-table';

/**
 * Fills `dead_letters_pending{context,group}` from the table at every scrape. The context's own
 * group is always reported, so the gauge drops to 0 (and an alert clears) once the last letter
 * is re-driven or discarded. Returns the function that stops it.
 */
export function trackDeadLetterDepth(metrics: PlatformMetrics, table: DeadLetterTable, group: string): () => void {
  return metrics.onCollect(async () => {
    const depths = new Map<string, number>([[group, 0]]);
    for (const { group: g, pending } of await table.pendingByGroup()) depths.set(g, pending);
    for (const [g, pending] of depths) metrics.deadLetterDepth.set({ context: table.context, group: g }, pending);
  });
}
