import { Command } from '@nestjs/cqrs';
import type { MessageOrigin } from '@platform/messaging';

/**
 * Give an order's reserved stock back (the saga compensates) and answer it. Sent by the consumer
 * pipeline, so it runs in that transaction.
 */
export class ReleaseStockCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly reason: string,
    readonly origin: MessageOrigin,
  ) {
    super();
  }
}
