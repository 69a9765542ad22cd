import { AsyncResource } from 'node:async_hooks';
import type { Environment } from '@platform/config';
import type { Transaction, TransactionRunner } from '@platform/database';
import { CONSUMER_SETTINGS } from './consumer-settings';

/** runs one record's work (inbox row and handler) in a consumer transaction */
export interface RecordTransactions {
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

export interface TransactionBatcherOptions {
  /** records in one transaction at most; 1 gives every record its own transaction */
  readonly maxRecords: number;
  /** called with the size of every batch that committed, for the metrics */
  readonly onCommitted?: (records: number) => void;
}

/**
 * CONSUMER_TRANSACTION_MAX_RECORDS (32): records one consumer transaction takes at most; 1 turns
 * batching off. Bigger batches save more statements under load and hold their row locks longer.
 */
export function transactionBatchMaxRecordsFromEnv(env: Environment): number {
  return CONSUMER_SETTINGS.read(env).CONSUMER_TRANSACTION_MAX_RECORDS;
}

interface Queued {
  readonly work: (tx: Transaction) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for one consumer group: the records its partitions hand over while a transaction
 * is running wait, and then run one after another in the next transaction, up to `maxRecords`.
 * At low load a record waits for nothing and gets a transaction of its own; under load the
 * transactions grow, and BEGIN, COMMIT and the WAL flush are paid once per batch instead of once
 * per record (docs/adr/0016-consumer-transaction-batching.md).
 *
 * Nothing about a record's outcome changes. Every work resolves only after its batch committed.
 * When any work of a batch fails, or the commit does, the batch rolls back and every record in it
 * runs again in a transaction of its own, so the failure is reported for the record that caused
 * it and its neighbours commit. For a handler that is one more run, as on a redelivery; a context
 * whose handlers call an outside system (a card processor, a carrier) does not batch, so a slow
 * call never holds up other records (ContextModuleOptions.batchConsumerTransactions).
 *
 * Records in one batch come from different partitions or topics: a partition offers its next
 * record only once the previous one finished, so order per key is kept. Each work runs in the
 * async context it was queued from, so its log bindings and trace span are its own.
 */
export class TransactionBatcher implements RecordTransactions {
  private readonly queue: Queued[] = [];
  private draining = false;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly options: TransactionBatcherOptions,
  ) {}

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (this.options.maxRecords <= 1) return this.transactions.run(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: AsyncResource.bind(work), resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxRecords);
        if (batch.length === 1 || !(await this.runTogether(batch))) await this.runApart(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  /** true when the whole batch committed and every work was answered */
  private async runTogether(batch: readonly Queued[]): Promise<boolean> {
    let results: unknown[];
    try {
      results = await this.transactions.run(async (tx) => {
        const out: unknown[] = [];
        for (const queued of batch) out.push(await queued.work(tx));
        return out;
      });
    } catch {
      return false;
    }
    this.options.onCommitted?.(batch.length);
    batch.forEach((queued, index) => queued.resolve(results[index]));
    return true;
  }

  private async runApart(batch: readonly Queued[]): Promise<void> {
    for (const queued of batch) {
      try {
        queued.resolve(await this.transactions.run(queued.work));
        this.options.onCommitted?.(1);
      } catch (error) {
        queued.reject(error);
      }
    }
  }
}
