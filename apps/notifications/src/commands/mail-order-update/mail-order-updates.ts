import { Injectable } from '@nestjs/common';
import { orPermanentFailure, type MessageSetContext } from '@platform/messaging';
import { EmailGateway } from '../../adapters/email-gateway.port';
import type { Email, OrderContact } from '../../domain/email';
import { invalidOrderId } from '../../domain/invalid-order-id';
import { OrderContactRepository } from '../../persistence/order-contact.repository';

/** one record's mail: to whom, what, and the event it announces (the gateway's idempotency key) */
export interface OrderUpdateMail {
  readonly contact: OrderContact;
  readonly email: Email;
  readonly sourceEventId: string;
}

/**
 * Mails the customers of a consumer set about their orders, and remembers where each order's
 * mail goes (shipment events do not say), with a statement for the set's contacts and one send
 * of the set's mails (docs/adr/0026-work-in-sets.md). The gateway sends them side by side, each
 * keyed by its event, so a set waits for one send, not for the sum of them. When the gateway
 * cannot take them, the set throws: it rolls back and each record runs again alone, and is
 * retried or dead-lettered on its own, as before.
 */
@Injectable()
export class MailOrderUpdates {
  constructor(
    private readonly gateway: EmailGateway,
    private readonly contacts: OrderContactRepository,
  ) {}

  async mail(mails: readonly OrderUpdateMail[], set: MessageSetContext): Promise<void> {
    // dead-lettered alone once the set runs apart
    for (const { contact } of mails) orPermanentFailure(invalidOrderId(contact.orderId));
    await this.contacts.rememberAll(
      set.tx.manager,
      mails.map(({ contact }) => contact),
    );
    await this.gateway.sendAll(
      set.tx,
      mails.map(({ email, sourceEventId }) => ({ ...email, sourceEventId })),
    );
  }
}
