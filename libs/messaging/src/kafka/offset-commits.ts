import type { Offsets } from 'kafkajs';
import { commitOrRejoin } from './group-membership-errors';

/** sends one OffsetCommit request to the group coordinator (an eachBatch payload's commitOffsetsIfNecessary) */
export type SendOffsets = (offsets: Offsets) => Promise<void>;

interface Waiting {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly send: SendOffsets;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One kafkajs consumer's offset commits, one request at a time: the partitions whose batches
 * finish while a commit is in flight wait, and the next request carries all of them (the highest
 * offset asked for each partition). Under load a group consumes many partitions at once, mostly
 * one or two records each, and every batch commits at its end: one request per batch made offset
 * commits most of a group's requests to the brokers. Nothing about when an offset may be
 * committed changes: a caller still commits only what its records finished, and is answered only
 * once the request that carried its offset was acknowledged (or failed: then every caller in
 * that request gets the error, a rebalance refusal unwrapped so that kafkajs rejoins).
 */
export class OffsetCommits {
  private readonly queue: Waiting[] = [];
  private draining = false;

  commit(topic: string, partition: number, offset: bigint, send: SendOffsets): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, partition, offset, send, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const taken = this.queue.splice(0);
        try {
          // every caller's send reaches the same consumer group: the first one carries them all
          await commitOrRejoin(() => taken[0].send(offsetsOf(taken)));
          taken.forEach((waiting) => waiting.resolve());
        } catch (error) {
          taken.forEach((waiting) => waiting.reject(error));
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

/** the highest offset asked for each partition, by topic */
function offsetsOf(taken: readonly Waiting[]): Offsets {
  const byTopic = new Map<string, Map<number, bigint>>();
  for (const { topic, partition, offset } of taken) {
    const partitions = byTopic.get(topic) ?? new Map<number, bigint>();
    const known = partitions.get(partition);
    if (known === undefined || offset > known) partitions.set(partition, offset);
    byTopic.set(topic, partitions);
  }
  return {
    topics: [...byTopic].map(([topic, partitions]) => ({
      topic,
      partitions: [...partitions].map(([partition, offset]) => ({ partition, offset: offset.toString() })),
    })),
  };
}
