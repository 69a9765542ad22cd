import type { CommandBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { TransactionRunner, type Transaction } from '@platform/database';
import type { RecordDecoder } from '@platform/events';
import type { KafkaReplay, ReplayProgress } from '@platform/messaging';
import { UpdateOrderFactsCommand } from '../commands/update-order-facts/update-order-facts.command';
import { ANALYTICS } from '../context';
import { PROJECTED_CONTRACTS } from '../persistence/order-facts.projection';
import { READ_MODEL_TABLES } from '../persistence/read-model-tables';
import { projectBatch, type BatchProjection } from './project-batch';

export interface KafkaRebuildOptions {
  readonly replay: KafkaReplay;
  /** the analytics context's data source (schema `analytics`) */
  readonly analytics: DataSource;
  /** the analytics context's bus: records go through the live consumer's command and handler */
  readonly commands: CommandBus;
  /** the pipeline's (RECORD_DECODER): with a schema registry, values are in the Confluent wire format */
  readonly decoder: RecordDecoder;
  readonly from?: Date;
  readonly onProgress?: (progress: ReplayProgress) => void;
}

export interface KafkaRebuildSummary {
  readonly read: number;
  readonly projected: number;
  /** read past (before --from), undecodable, or refused for good (the live consumer dead-letters those) */
  readonly skipped: number;
  readonly partitions: number;
  readonly replayGroup: string;
  readonly elapsedMs: number;
}

/**
 * Rebuilds the analytics read models from Kafka and hands the live `analytics` group over to
 * the end of the replay (KafkaReplay): the live consumer must be stopped, the tables are
 * emptied once it is proven stopped, every fetched batch is projected in one transaction
 * through UpdateOrderFactsCommand, and the live group resumes right after the last replayed
 * record. With `from`, the models hold only what was produced from then on.
 */
export async function rebuildFromKafka(options: KafkaRebuildOptions): Promise<KafkaRebuildSummary> {
  const transactions = new TransactionRunner(options.analytics);
  // one transaction per fetched batch, through the live consumer's command and handler
  const projection: BatchProjection<Transaction> = {
    decoder: options.decoder,
    transaction: (work) => transactions.run(work),
    project: (envelope, tx) => options.commands.execute(new UpdateOrderFactsCommand(envelope, tx)),
  };
  let projected = 0;
  const summary = await options.replay.run({
    liveGroup: ANALYTICS,
    topics: PROJECTED_CONTRACTS.map((c) => c.topic),
    from: options.from,
    beforeRead: async () => void (await options.analytics.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`)),
    onRecords: async (records) => {
      // partitions are read concurrently: add after the await, or one batch's count overwrites another's
      const n = await projectBatch(projection, records);
      projected += n;
    },
    onProgress: options.onProgress,
  });
  return {
    read: summary.read,
    projected,
    skipped: summary.read - projected,
    partitions: summary.partitions.length,
    replayGroup: summary.replayGroup,
    elapsedMs: summary.elapsedMs,
  };
}
