import type { ReplayPartition } from '../../replay/event-replay';

export interface PartitionWatermarks {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

/**
 * The partitions of one topic to replay, offsets [start, end): `end` is the high watermark when
 * the replay started (the live consumer's offsets are handed over at exactly `end`), `start` the
 * low watermark, or the first offset at or after the `--from` time. `starts` (offsets by timestamp) may name a partition's
 * start; -1 (Kafka's "no record at or after that time") and anything outside [low, high] are
 * clamped, so a start never points before what is retained or after the end.
 */
export function replayPartitionsOf(
  topic: string,
  watermarks: readonly PartitionWatermarks[],
  starts: ReadonlyArray<{ partition: number; offset: string }> = [],
): ReplayPartition[] {
  return [...watermarks]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, low, high }) => {
      const end = BigInt(high);
      const named = starts.find((s) => s.partition === partition)?.offset;
      const wanted = named === undefined ? BigInt(low) : BigInt(named) < 0n ? end : BigInt(named);
      const start = wanted < BigInt(low) ? BigInt(low) : wanted > end ? end : wanted;
      return { topic, partition, start, end };
    });
}

/** records between start and end, summed */
export function recordsIn(partitions: readonly ReplayPartition[]): number {
  return partitions.reduce((sum, p) => sum + Number(p.end - p.start), 0);
}
