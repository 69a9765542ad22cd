import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Subscription } from '../pipeline/consumer-pipeline';
import type { KeyedLane } from '../pipeline/keyed-lane';
import { takeKeysAtOnce, type KeyedRecord } from '../pipeline/keys-at-once';
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
  /**
   * records of different keys at once, each key's in offset order (default: one record at a
   * time), so that one fetched batch makes one consumer transaction instead of one per record
   */
  readonly keysAtOnce?: boolean;
}

/**
 * Consumes one fetched batch of one partition through that partition's KeyedLane, which lives
 * across batches: records in offset order (with keysAtOnce: each key's in offset order, the keys
 * at once), each through the shared ConsumerPipeline (decode, inbox, transaction, handler, retry,
 * dead letter), a record waiting for a retry set aside with its key so the other keys go on. The
 * fetch position moves past every record taken (with keysAtOnce: past the batch, once all were); the
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

  const stopping = (): boolean => !isRunning() || isStale() || !!keeper.rejoinRequest || signal.aborted;
  /** takes one record: false when the batch must stop (the lane stops) */
  const take = async (message: KafkaMessage): Promise<boolean> => {
    const record = fromKafkaMessage(subscription.topic, batch.partition, message);
    const outcome = await keeper.during(() => lane.offer(record));
    if (outcome === 'aborted') return false;
    sinceCommit += 1;
    if (sinceCommit >= options.commitEveryRecords) await commit();
    await keeper.beat();
    return true;
  };

  try {
    lane.throwIfFailed();
    if (options.keysAtOnce) {
      await takeKeysAtOnce(batch.messages, KAFKA_MESSAGES, lane, stopping, take);
      // every record was taken (finished, or set aside with its key): fetch past the batch
      if (!stopping()) resolveOffset(batch.messages[batch.messages.length - 1].offset);
    } else {
      for (const message of batch.messages) {
        if (stopping() || !(await take(message))) break;
        resolveOffset(message.offset);
      }
    }
  } finally {
    await commit();
  }
  if (keeper.rejoinRequest) throw keeper.rejoinRequest;
}

const KAFKA_MESSAGES: KeyedRecord<KafkaMessage> = {
  keyOf: (message) => message.key?.toString('utf8') ?? '',
  offsetOf: (message) => BigInt(message.offset),
};
