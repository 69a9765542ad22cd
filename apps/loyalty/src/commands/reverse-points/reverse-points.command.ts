import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';

export interface ClosingEvent {
  readonly orderId: string;
  readonly reason: 'CANCELLED' | 'REFUNDED';
  readonly sourceEventId: string;
}

/**
 * Close orders for good and take back their points, in the order the events arrived. Sent by the
 * consumer pipeline with the records of one consumer transaction (a record alone is a set of
 * one), so it runs in that transaction.
 */
export class ReversePointsCommand extends Command<void> {
  constructor(
    readonly closings: readonly ClosingEvent[],
    readonly tx: Transaction,
  ) {
    super();
  }
}
