import type { CommandBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { TransactionRunner, type Transaction } from '@platform/database';
import type { RecordDecoder } from '@platform/events';
import type { EventReplay, ReplayProgress } from '@platform/messaging';
import { UpdateOrderFactsCommand } from '../commands/update-order-facts/update-order-facts.command';
import type { BatchProjection } from './project-batch';
import { replayIntoReadModels } from './replay-into-read-models';

export interface KafkaRebuildOptions {
  /** Kafka's replay port (KafkaReplay) */
  readonly replay: EventReplay;
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
  /** the fresh group the records were read with */
  readonly replayGroup?: string;
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
    project: (envelope, tx) => options.commands.execute(new UpdateOrderFactsCommand([envelope], tx)),
  };
  const { summary, projected } = await replayIntoReadModels(options.replay, options.analytics, projection, {
    from: options.from,
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
