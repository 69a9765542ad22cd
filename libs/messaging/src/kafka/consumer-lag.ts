import type { Admin } from 'kafkajs';

export interface GroupLag {
  /** the catalogue's topic (without the environment's prefix) */
  readonly topic: string;
  readonly lag: number;
  /** the same, per partition of the topic */
  readonly partitions: ReadonlyArray<{ readonly partition: number; readonly lag: number }>;
}

/**
 * Records on each topic a group has not processed yet: per partition, the high watermark minus
 * the group's committed offset (the low watermark while the group has committed nothing, so a
 * group that never ran shows everything retained). Two admin requests per group and topic, at
 * scrape time.
 */
export async function groupLag(
  admin: Admin,
  groupId: string,
  topics: ReadonlyArray<{ clusterTopic: string; topic: string }>,
): Promise<GroupLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics: topics.map((t) => t.clusterTopic) });
  return Promise.all(
    topics.map(async ({ clusterTopic, topic }) => {
      const watermarks = await admin.fetchTopicOffsets(clusterTopic);
      const offsets = committed.find((c) => c.topic === clusterTopic)?.partitions ?? [];
      const partitions = watermarks.map(({ partition, high, low }) => {
        const done = Number(offsets.find((o) => o.partition === partition)?.offset ?? -1);
        return { partition, lag: Math.max(0, Number(high) - (done >= 0 ? done : Number(low))) };
      });
      return { topic, lag: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
    }),
  );
}
