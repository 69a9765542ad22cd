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

  async require(tx: Transaction, orderId: string): Promise<OrderContact> {
    const contact = await this.contacts.find(tx.manager, orderId);
    if (!contact) throw new ContactNotYetKnownError(orderId);
    return contact;
  }
}
