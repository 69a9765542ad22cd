import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { Refusable } from '@platform/domain';

export type ShipmentUpdate =
  | { readonly kind: 'dispatched'; readonly shipmentId: string; readonly dispatchedAt: string }
  | { readonly kind: 'delivered'; readonly deliveredAt: string };

/**
 * Mail the customer about their parcel, at the address the order's own events gave us. Sent by
 * the consumer pipeline, so it runs in that transaction.
 */
export class MailShipmentUpdateCommand extends Command<Refusable<void>> {
  constructor(
    readonly orderId: string,
    readonly update: ShipmentUpdate,
    readonly sourceEventId: string,
    readonly tx: Transaction,
  ) {
    super();
  }
}
