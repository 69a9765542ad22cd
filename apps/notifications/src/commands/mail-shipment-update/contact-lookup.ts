import { Injectable } from '@nestjs/common';
import type { Transaction } from '@platform/database';
import type { OrderContact } from '../../domain/email';
import { OrderContactRepository } from '../../persistence/order-contact.repository';

/**
 * Shipment events carry no e-mail address. One that overtakes its order's first event (another
 * topic, so it can) waits: the error is retryable, and the order's event fills the contact in.
 */
export class ContactNotYetKnownError extends Error {
  constructor(orderId: string) {
    super(`no contact known yet for order ${orderId}`);
    this.name = 'ContactNotYetKnownError';
  }
}

@Injectable()
export class ContactLookup {
  constructor(private readonly contacts: OrderContactRepository) {}

  /** each order's contact, in order; throws for the first order whose contact is not known yet */
  async requireAll(tx: Transaction, orderIds: readonly string[]): Promise<OrderContact[]> {
    const known = await this.contacts.findAll(tx.manager, orderIds);
    return orderIds.map((orderId) => {
      const contact = known.get(orderId.toLowerCase());
      if (!contact) throw new ContactNotYetKnownError(orderId);
      return contact;
    });
  }
}
