import type { PlatformDb } from '../orders/platform-db';

/**
 * A consumer group's progress seen from outside: the moments its handlers recorded records in
 * the context's inbox (processed_at, PostgreSQL's clock_timestamp() in the handler's transaction),
 * whichever instance and partition handled them. A pause of the whole group, such as an eager
 * rebalance, is a gap between two successive records; one instance's partitions stalling while
 * the other instance goes on is not (place -> CONFIRMED shows that).
 */
export interface ProgressGap {
  /** epoch ms of the last record before the gap */
  readonly fromMs: number;
  readonly ms: number;
  /** no record came after it before the window ended: a lower bound */
  readonly open: boolean;
}

/** epoch ms of every record the group recorded between `fromMs` and `toMs`, and the last one before */
export async function groupProgress(db: PlatformDb, context: string, fromMs: number, toMs: number): Promise<number[]> {
  const rows = await db.query<{ at: number }>(
    `(SELECT extract(epoch FROM processed_at)::float8 * 1000 AS at FROM "${context}".inbox
       WHERE consumer_group = $1 AND processed_at < to_timestamp($2::float8 / 1000)
       ORDER BY processed_at DESC LIMIT 1)
     UNION ALL
     SELECT extract(epoch FROM processed_at)::float8 * 1000 AS at FROM "${context}".inbox
      WHERE consumer_group = $1 AND processed_at BETWEEN to_timestamp($2::float8 / 1000) AND to_timestamp($3::float8 / 1000)
     ORDER BY 1`,
    [context, fromMs, toMs],
  );
  return rows.map((r) => r.at);
}

/**
 * The longest gaps between successive records that overlap [fromMs, toMs], longest first. A
 * window that ends with no record since the last one ends in an open gap; a window with no
 * record at all is one open gap from its start.
 */
export function longestGaps(times: readonly number[], fromMs: number, toMs: number, count = 3): ProgressGap[] {
  const sorted = [...times].sort((a, b) => a - b);
  const gaps: ProgressGap[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 1) {
    const [from, to] = [sorted[i], sorted[i + 1]];
    if (to > fromMs && from < toMs) gaps.push({ fromMs: from, ms: to - from, open: false });
  }
  const last = sorted.length > 0 ? sorted[sorted.length - 1] : fromMs;
  if (last < toMs) gaps.push({ fromMs: last, ms: toMs - last, open: true });
  return gaps.sort((a, b) => b.ms - a.ms).slice(0, count);
}
