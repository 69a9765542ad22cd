import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { ProductUpdatedV1 } from '@platform/events';

/** Store a product's latest price in the list orders are priced from. Runs in the consumer pipeline's transaction. */
export class UpdatePriceListCommand extends Command<void> {
  constructor(
    readonly product: ProductUpdatedV1,
    readonly tx: Transaction,
  ) {
    super();
  }
}
