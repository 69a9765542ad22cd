import type { WireRecord } from '@platform/events';

export interface PendingRow {
  readonly id: string;
  readonly lane: number;
  readonly topic: string;
  readonly msg_key: string;
  readonly headers: Record<string, string>;
  readonly payload: Buffer;
  /** the writing transaction is older than every running one: no earlier row can still appear */
  readonly safe: boolean;
}

/**
 * Of the pending rows (in id order), the ones that may be published now: per lane, the prefix
 * up to the first row whose transaction might still be overtaken by an older, running one.
 * Publishing past that row could reorder a key, so the lane waits for the next drain.
 */
export function publishablePrefix(rows: readonly PendingRow[]): { ready: PendingRow[]; blocked: boolean } {
  const stoppedLanes = new Set<number>();
  const ready: PendingRow[] = [];
  for (const row of rows) {
    if (stoppedLanes.has(row.lane)) continue;
    if (!row.safe) {
      stoppedLanes.add(row.lane);
      continue;
    }
    ready.push(row);
  }
  return { ready, blocked: stoppedLanes.size > 0 };
}

export function toWireRecord(row: PendingRow): WireRecord {
  return { topic: row.topic, key: row.msg_key, headers: row.headers, value: row.payload };
}
