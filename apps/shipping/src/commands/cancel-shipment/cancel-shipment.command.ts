import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { Refusable } from '@platform/domain';

/**
 * Stop a cancelled order's shipment if it is not too late, or leave a tombstone for a
 * confirmation still on its way. Sent by the consumer pipeline, so it runs in that transaction.
 */
export class CancelShipmentCommand extends Command<Refusable<void>> {
  constructor(
    readonly orderId: string,
    readonly reason: string,
    readonly correlationId: string,
    readonly tx: Transaction,
  ) {
    super();
  }
}
