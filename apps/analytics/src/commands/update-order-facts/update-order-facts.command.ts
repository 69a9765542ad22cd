import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { EventEnvelope } from '@platform/events';

/**
 * Fold order or shipment events into the order facts, in the order they arrived. The read model
 * is a projection of events, so the command carries the events themselves. Sent by the consumer
 * pipeline with the records of one consumer transaction (a record alone is a set of one), or by
 * the rebuild one event at a time, so it runs in the caller's transaction.
 */
export class UpdateOrderFactsCommand extends Command<void> {
  constructor(
    readonly events: readonly EventEnvelope[],
    readonly tx: Transaction,
  ) {
    super();
  }
}
