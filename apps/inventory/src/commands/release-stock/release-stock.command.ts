import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { EventMetadata } from '@platform/events';

/** one order's release, with the metadata its answer carries (caused by the command's event) */
export interface ReleaseRequest {
  readonly orderId: string;
  readonly reason: string;
  readonly metadata: EventMetadata;
}

/**
 * Give the reserved stock of a set of orders back (the saga compensates) and answer each. Sent
 * by the consumer pipeline with the records of one consumer transaction (a record alone is a set
 * of one), so it runs in that transaction.
 */
export class ReleaseStockCommand extends Command<void> {
  constructor(
    readonly releases: readonly ReleaseRequest[],
    readonly tx: Transaction,
  ) {
    super();
  }
}
