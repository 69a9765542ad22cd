/**
 * What a hand-over of the in-process log to Kafka produces, computed from the log alone (pure):
 * per topic and partition, the records after the lowest committed offset of the groups that
 * consume the topic. A group that never committed on a partition reads it from the oldest
 * retained record, as the in-process transport would, so the hand-over starts there too.
 */
export interface LogPartitionRange {
  readonly topic: string;
  readonly partition: number;
  /** the oldest retained offset (equal to `next` when nothing is retained) */
  readonly oldest: bigint;
  /** the offset the next append would get (partition_heads) */
  readonly next: bigint;
}

export interface CommittedOffset {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly next: bigint;
}

export interface TopicSubscription {
  readonly group: string;
  readonly topic: string;
}

export interface PartitionHandover {
  readonly partition: number;
  /** first offset handed over; `to` is exclusive */
  readonly from: bigint;
  readonly to: bigint;
  /** the group whose committed offset (or lack of one: the log start) set `from` */
  readonly slowest: string;
}

export interface TopicHandover {
  readonly topic: string;
  /** the groups that consume the topic; none: nothing is handed over */
  readonly groups: readonly string[];
  readonly partitions: readonly PartitionHandover[];
  readonly records: number;
}

export interface HandoverPlan {
  readonly topics: readonly TopicHandover[];
  readonly records: number;
}

export function planHandover(
  ranges: readonly LogPartitionRange[],
  committed: readonly CommittedOffset[],
  subscriptions: readonly TopicSubscription[],
): HandoverPlan {
  const topics = [...new Set(ranges.map((r) => r.topic))].sort();
  const planned = topics.map((topic) => planTopic(topic, ranges, committed, subscriptions));
  return { topics: planned, records: planned.reduce((sum, t) => sum + t.records, 0) };
}

function planTopic(
  topic: string,
  ranges: readonly LogPartitionRange[],
  committed: readonly CommittedOffset[],
  subscriptions: readonly TopicSubscription[],
): TopicHandover {
  const groups = [...new Set(subscriptions.filter((s) => s.topic === topic).map((s) => s.group))].sort();
  if (groups.length === 0) return { topic, groups, partitions: [], records: 0 };
  const partitions = ranges
    .filter((r) => r.topic === topic)
    .sort((a, b) => a.partition - b.partition)
    .map((range) => planPartition(range, groups, committed))
    .filter((p) => p.to > p.from);
  return { topic, groups, partitions, records: partitions.reduce((sum, p) => sum + Number(p.to - p.from), 0) };
}

function planPartition(
  range: LogPartitionRange,
  groups: readonly string[],
  committed: readonly CommittedOffset[],
): PartitionHandover {
  const starts = groups.map((group) => {
    const offset = committed.find(
      (c) => c.group === group && c.topic === range.topic && c.partition === range.partition,
    )?.next;
    // never before what is retained, never after the end
    const next =
      offset === undefined || offset < range.oldest ? range.oldest : offset > range.next ? range.next : offset;
    return { group, next };
  });
  const slowest = starts.reduce((a, b) => (b.next < a.next ? b : a));
  return { partition: range.partition, from: slowest.next, to: range.next, slowest: slowest.group };
}
