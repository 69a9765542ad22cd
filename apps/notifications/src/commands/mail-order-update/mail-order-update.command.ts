import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { Refusable } from '@platform/domain';
import type { Email, OrderContact } from '../../domain/email';

/**
 * Mail the customer about their order, and remember where the order's mail goes (shipment events
 * do not say). Sent by the consumer pipeline, so it runs in that transaction.
 */
export class MailOrderUpdateCommand extends Command<Refusable<void>> {
  constructor(
    readonly contact: OrderContact,
    readonly email: Email,
    readonly sourceEventId: string,
    readonly tx: Transaction,
  ) {
    super();
  }
}
