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

/** The journal as a table, written through the caller's transaction. */
export class TableCallJournal implements ProcessorCallJournal {
  constructor(private readonly tx: Transaction) {}

  async record(call: ProcessorCall): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO ${PAYMENTS}.processor_calls (operation, order_id, authorization_id, amount_minor, outcome)
       VALUES ($1, $2, $3, $4, $5)`,
      [call.operation, call.orderId, call.authorizationId, call.amountMinor, call.outcome],
    );
  }
}
