import type { DataSource } from 'typeorm';
import type { TransactionRunner } from '@platform/database';
import type { OutboxWriter } from '@platform/outbox';
import { DeadLetterStore } from '@platform/dead-letters';
import { ConsumerTransactions, transactionBatchMaxRecordsFromEnv } from '../pipeline/consumer-transactions';
import type { ContextModuleOptions, PlatformServices } from './context-module-options';

/**
 * Registers the context's consumer group: its schema (inbox), its transactions, batched unless
 * the context says its handlers call outside systems, and its dead-letter store.
 */
export function joinConsumerGroup(
  options: ContextModuleOptions,
  dataSource: DataSource,
  transactions: TransactionRunner,
  outbox: OutboxWriter,
  platform: PlatformServices,
): void {
  const { name } = options;
  const maxRecords = options.batchConsumerTransactions === false ? 1 : transactionBatchMaxRecordsFromEnv(platform.env);
  platform.groups.register({
    group: name,
    schema: name,
    transactions,
    recordTransactions: new ConsumerTransactions(transactions, {
      schema: name,
      group: name,
      maxRecords,
      onCommitted: (records) => platform.metrics.consumerTransactionRecords.observe({ group: name }, records),
    }),
    deadLetters: new DeadLetterStore(dataSource, name, { transactions, outbox }),
  });
}
