import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';

/**
 * Take an order's reserved units off the shelf for good (its parcel left). Sent by the consumer
 * pipeline, so it runs in that transaction.
 */
export class CommitStockCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly shipmentId: string,
    readonly tx: Transaction,
  ) {
    super();
  }
}
