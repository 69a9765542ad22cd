import type { EachBatchPayload } from 'kafkajs';
import type { Subscription } from '../pipeline/consumer-pipeline';
import type { KeyedLane } from '../pipeline/keyed-lane';
import { HeartbeatKeeper } from './heartbeat-keeper';
import { fromKafkaMessage } from './kafka-records';
import { OffsetCommits } from './offset-commits';

export interface PartitionBatchOptions {
  readonly heartbeatIntervalMs: number;
  /** commit after this many records within a batch (and always at its end) */
  readonly commitEveryRecords: number;
  /**
   * the consumer's commits, shared by its partitions so that batches finishing together share one
   * request (default: this batch's own)
   */
  readonly commits?: OffsetCommits;
}

/**
 * Consumes one fetched batch of one partition through that partition's KeyedLane, which lives
 * across batches: records in offset order, each through the shared ConsumerPipeline (decode,
 * inbox, transaction, handler, retry, dead letter), a record waiting for a retry set aside with
 * its key so the other keys go on. The fetch position moves past every record taken; the
 * committed offset only up to the lowest record not finished, never ahead, so a crash or
 * rebalance redelivers (the inbox absorbs it) and never skips. The batch stops early when the
 * consumer stops (the record in progress finishes and is committed; retry back-offs are cut
 * short and left for redelivery), when the partition was revoked or sought, or when a heartbeat
 * says the group rebalances.
 */
export async function consumePartitionBatch(
  payload: EachBatchPayload,
  subscription: Subscription,
  lane: KeyedLane,
  signal: AbortSignal,
  options: PartitionBatchOptions,
): Promise<void> {
  const { batch, resolveOffset, isRunning, isStale } = payload;
  const keeper = new HeartbeatKeeper(payload.heartbeat, options.heartbeatIntervalMs);
  const commits = options.commits ?? new OffsetCommits();
  let sinceCommit = 0;
  const commit = async (): Promise<void> => {
    const offset = lane.uncommitted;
    if (offset === undefined) return;
    // straight to the group coordinator (not kafkajs' retrier, which skips commits once the
    // consumer stops and wraps a rebalance refusal so that the consumer dies)
    await commits.commit(batch.topic, batch.partition, offset, payload.commitOffsetsIfNecessary);
    lane.markCommitted(offset);
    sinceCommit = 0;
  };

  try {
    lane.throwIfFailed();
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || keeper.rejoinRequest || signal.aborted) break;
      const record = fromKafkaMessage(subscription.topic, batch.partition, message);
      const outcome = await keeper.during(() => lane.offer(record));
      if (outcome === 'aborted') break;
      resolveOffset(message.offset);
      sinceCommit += 1;
      if (sinceCommit >= options.commitEveryRecords) await commit();
      await keeper.beat();
    }
  } finally {
    await commit();
  }
  if (keeper.rejoinRequest) throw keeper.rejoinRequest;
}
