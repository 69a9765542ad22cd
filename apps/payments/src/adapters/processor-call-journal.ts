import type { Transaction } from '@platform/database';
import { PAYMENTS } from '../context';

export type ProcessorOperation = 'authorize' | 'capture' | 'void' | 'refund';

/**
 * What a call ended with. `replayed`: the same idempotency key (or authorisation, for capture,
 * void and refund) was seen before, so the first answer was returned and nothing new happened.
 * `failed`: a transient failure (it survives only when it was the last attempt).
 */
export type ProcessorCallOutcome =
  'authorized' | 'declined' | 'timeout' | 'failed' | 'replayed' | 'captured' | 'voided' | 'refunded';

export interface ProcessorCall {
  readonly operation: ProcessorOperation;
  readonly orderId: string;
  readonly authorizationId: string | null;
  readonly amountMinor: number | null;
  readonly outcome: ProcessorCallOutcome;
}

/** Where the fake processor writes down every call, so tests and invariant checks can count charges. */
export interface ProcessorCallJournal {
  record(call: ProcessorCall): Promise<void>;
}

/**
 * The journal as a table, written through the caller's transaction: a transaction's calls are
 * collected and inserted by one statement just before it commits (the calls of a set of records
 * run side by side), so a rolled-back attempt leaves no trace. One journal per transaction.
 */
export class TableCallJournal implements ProcessorCallJournal {
  private static readonly ofTransactions = new WeakMap<Transaction, TableCallJournal>();
  private readonly calls: ProcessorCall[] = [];

  private constructor(private readonly tx: Transaction) {
    tx.beforeCommit(() => this.insertAll());
  }

  static of(tx: Transaction): TableCallJournal {
    let journal = TableCallJournal.ofTransactions.get(tx);
    if (!journal) {
      journal = new TableCallJournal(tx);
      TableCallJournal.ofTransactions.set(tx, journal);
    }
    return journal;
  }

  async record(call: ProcessorCall): Promise<void> {
    this.calls.push(call);
  }

  private async insertAll(): Promise<void> {
    if (this.calls.length === 0) return;
    const calls = this.calls.splice(0);
    await this.tx.manager.query(
      `INSERT INTO ${PAYMENTS}.processor_calls (operation, order_id, authorization_id, amount_minor, outcome)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::bigint[], $5::text[])`,
      [
        calls.map((call) => call.operation),
        calls.map((call) => call.orderId),
        calls.map((call) => call.authorizationId),
        calls.map((call) => call.amountMinor),
        calls.map((call) => call.outcome),
      ],
    );
  }
}
