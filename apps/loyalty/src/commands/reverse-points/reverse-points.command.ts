import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';

/** Close an order for good and take back its points. Sent by the consumer pipeline, so it runs in that transaction. */
export class ReversePointsCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly reason: 'CANCELLED' | 'REFUNDED',
    readonly sourceEventId: string,
    readonly tx: Transaction,
  ) {
    super();
  }
}
