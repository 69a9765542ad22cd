import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { Refusable } from '@platform/domain';

export interface ConfirmedOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly totalMinor: number;
  readonly sourceEventId: string;
}

/**
 * Credit confirmed orders' points, each once, in the order the confirmations arrived. Sent by the
 * consumer pipeline with the records of one consumer transaction (a record alone is a set of
 * one), so it runs in that transaction. An impossible total refuses the whole set.
 */
export class CreditPointsCommand extends Command<Refusable<void>> {
  constructor(
    readonly confirmations: readonly ConfirmedOrder[],
    readonly tx: Transaction,
  ) {
    super();
  }
}
