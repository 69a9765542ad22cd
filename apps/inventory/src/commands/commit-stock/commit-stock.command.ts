import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';

export interface DispatchedShipment {
  readonly orderId: string;
  readonly shipmentId: string;
}

/**
 * Take the reserved units of a set of orders off the shelf for good (their parcels left). Sent by
 * the consumer pipeline with the records of one consumer transaction (a record alone is a set of
 * one), so it runs in that transaction.
 */
export class CommitStockCommand extends Command<void> {
  constructor(
    readonly dispatches: readonly DispatchedShipment[],
    readonly tx: Transaction,
  ) {
    super();
  }
}
