import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { Refusable } from '@platform/domain';
import type { EventMetadata } from '@platform/events';
import type { ReserveRequest } from '../../domain/reserve-set-decision';

/** one order's request, with the metadata its answer carries (caused by the command's event) */
export interface ReserveStockRequest extends ReserveRequest {
  readonly metadata: EventMetadata;
}

/**
 * Reserve the stock of a set of orders, each all or nothing, in the order they arrived, and
 * answer the saga once per order. Sent by the consumer pipeline with the records of one consumer
 * transaction (a record alone is a set of one), so it runs in that transaction. A malformed
 * request refuses the whole set.
 */
export class ReserveStockCommand extends Command<Refusable<void>> {
  constructor(
    readonly requests: readonly ReserveStockRequest[],
    readonly tx: Transaction,
  ) {
    super();
  }
}
