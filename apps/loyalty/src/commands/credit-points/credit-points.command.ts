import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { Refusable } from '@platform/domain';

/** Credit a confirmed order's points, once. Sent by the consumer pipeline, so it runs in that transaction. */
export class CreditPointsCommand extends Command<Refusable<void>> {
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
