import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { Refusable } from '@platform/domain';
import type { OrderSagaInput } from '../../saga/saga-set-fold';

/**
 * Feed a set of replies (other contexts' answers or news about orders) to the orders' sagas, each
 * as one step, with the metadata of the events it causes. Sent by the consumer pipeline, so it
 * runs in that transaction, the set's.
 */
export class ApplySagaRepliesCommand extends Command<Refusable<void>> {
  constructor(
    readonly replies: readonly OrderSagaInput[],
    readonly tx: Transaction,
  ) {
    super();
  }
}
