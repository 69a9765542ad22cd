import type { EachBatchPayload } from 'kafkajs';
import type { ConsumerPipeline, Subscription } from '../pipeline/consumer-pipeline';
import { commitOrRejoin } from './group-membership-errors';
import { HeartbeatKeeper } from './heartbeat-keeper';
import { fromKafkaMessage } from './kafka-records';

export interface PartitionBatchOptions {
  readonly heartbeatIntervalMs: number;
  /** commit after this many records within a batch (and always at its end) */
  readonly commitEveryRecords: number;
}

/**
 * Consumes one fetched batch of one partition: one record at a time, each through the shared
 * ConsumerPipeline (decode, inbox, transaction, handler, retry, dead letter). An offset is
 * committed only after the pipeline resolved for every record before it, never ahead, so a
 * crash or rebalance redelivers (the inbox absorbs it) and never skips. The batch stops early
 * when the consumer stops (the record in progress finishes and is committed; a retry back-off
 * is cut short and left for redelivery), when the partition was revoked or sought, or when a
 * heartbeat says the group rebalances.
 */
export async function consumePartitionBatch(
  payload: EachBatchPayload,
  subscription: Subscription,
  pipeline: ConsumerPipeline,
  signal: AbortSignal,
  options: PartitionBatchOptions,
): Promise<void> {
  const { batch, resolveOffset, isRunning, isStale } = payload;
  const keeper = new HeartbeatKeeper(payload.heartbeat, options.heartbeatIntervalMs);
  let uncommitted: string | undefined;
  let sinceCommit = 0;
  const commit = async (): Promise<void> => {
    if (uncommitted === undefined) return;
    const offset = uncommitted;
    // straight to the group coordinator (not kafkajs' retrier, which skips commits once the
    // consumer stops and wraps a rebalance refusal so that the consumer dies)
    await commitOrRejoin(() =>
      payload.commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }],
      }),
    );
    uncommitted = undefined;
    sinceCommit = 0;
  };

  try {
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || keeper.rejoinRequest || signal.aborted) break;
      const record = fromKafkaMessage(subscription.topic, batch.partition, message);
      const outcome = await keeper.during(() => pipeline.process(subscription, record, signal));
      if (outcome === 'aborted') break;
      resolveOffset(message.offset);
      uncommitted = (BigInt(message.offset) + 1n).toString();
      sinceCommit += 1;
      if (sinceCommit >= options.commitEveryRecords) await commit();
      await keeper.beat();
    }
  } finally {
    await commit();
  }
  if (keeper.rejoinRequest) throw keeper.rejoinRequest;
}
