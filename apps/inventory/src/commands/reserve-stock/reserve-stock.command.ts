import { Command } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import type { ReserveStockV1 } from '@platform/events';
import type { MessageOrigin } from '@platform/messaging';

/**
 * Reserve an order's stock, all or nothing, and answer the saga. Sent by the consumer pipeline,
 * so it runs in that transaction.
 */
export class ReserveStockCommand extends Command<Refusable<void>> {
  constructor(
    readonly orderId: string,
    readonly lines: ReserveStockV1['lines'],
    readonly origin: MessageOrigin,
  ) {
    super();
  }
}
