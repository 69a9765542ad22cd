import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';

/** Credit a confirmed order's points, once. Sent by the consumer pipeline, so it runs in that transaction. */
export class CreditPointsCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly customerId: string,
    readonly totalMinor: number,
    readonly sourceEventId: string,
    readonly tx: Transaction,
  ) {
    super();
  }
}
