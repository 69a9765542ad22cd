import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { EventEnvelope } from '@platform/events';

/**
 * Fold one order or shipment event into the order facts. The read model is a projection of
 * events, so the command carries the event itself. Sent by the consumer pipeline, so it runs in
 * that transaction.
 */
export class UpdateOrderFactsCommand extends Command<void> {
  constructor(
    readonly event: EventEnvelope,
    readonly tx: Transaction,
  ) {
    super();
  }
}
