import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import { GroupCommit, TransactionRunner } from '@platform/database';
import { OrdersSettings } from '../../orders.settings';
import { placementOf, type OrderPlacement } from './order-placement';
import { PlaceOrderCommand, type PlaceOrderResult } from './place-order.command';
import { PlaceOrderSet } from './place-order-set';

/**
 * Places each order through a group commit: requests that arrive while a placing transaction
 * runs are placed together by the next one, up to ORDERS_PLACE_MAX_BATCH, so BEGIN, COMMIT, the
 * WAL flush and every statement of PlaceOrderSet are paid once per set; a lone request is placed
 * at once. Every answer is given after its set committed. A refusal is an answer; a failure
 * (a statement that throws) makes each request of its set run again alone, so only the request
 * that causes it fails (docs/adr/0026-work-in-sets.md).
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  private readonly placements: GroupCommit<OrderPlacement, Refusable<PlaceOrderResult>>;

  constructor(transactions: TransactionRunner, set: PlaceOrderSet, settings: OrdersSettings) {
    this.placements = new GroupCommit(
      transactions,
      (tx, placements, inContexts) => set.place(tx, placements, inContexts),
      {
        maxItems: settings.placeMaxBatch,
      },
    );
  }

  execute(command: PlaceOrderCommand): Promise<Refusable<PlaceOrderResult>> {
    return this.placements.submit(placementOf(command));
  }
}
