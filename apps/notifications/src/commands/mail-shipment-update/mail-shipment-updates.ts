import { Injectable } from '@nestjs/common';
import { unreachable } from '@platform/domain';
import { orPermanentFailure, type MessageSetContext } from '@platform/messaging';
import { EmailGateway } from '../../adapters/email-gateway.port';
import { orderDeliveredEmail, orderDispatchedEmail } from '../../domain/compose-email';
import type { Email, OrderContact } from '../../domain/email';
import { invalidOrderId } from '../../domain/invalid-order-id';
import { ContactLookup } from './contact-lookup';

export type ShipmentUpdate =
  | { readonly kind: 'dispatched'; readonly shipmentId: string; readonly dispatchedAt: string }
  | { readonly kind: 'delivered'; readonly deliveredAt: string };

/** one record's mail: the order, what happened to its parcel, and the event (the gateway's idempotency key) */
export interface ShipmentUpdateMail {
  readonly orderId: string;
  readonly update: ShipmentUpdate;
  readonly sourceEventId: string;
}

/**
 * Mails the customers of a consumer set about their parcels, at the addresses the orders' own
 * events gave us: one statement reads the set's contacts, one send takes the set's mails, side
 * by side (docs/adr/0026-work-in-sets.md). A shipment event that overtook its order's first event
 * throws ContactNotYetKnownError (retryable); so does a gateway that is down: the set then runs
 * apart, and only the records that fail alone are retried.
 */
@Injectable()
export class MailShipmentUpdates {
  constructor(
    private readonly gateway: EmailGateway,
    private readonly contacts: ContactLookup,
  ) {}

  async mail(mails: readonly ShipmentUpdateMail[], set: MessageSetContext): Promise<void> {
    // dead-lettered alone once the set runs apart
    for (const { orderId } of mails) orPermanentFailure(invalidOrderId(orderId));
    const contacts = await this.contacts.requireAll(
      set.tx,
      mails.map(({ orderId }) => orderId),
    );
    await this.gateway.sendAll(
      set.tx,
      mails.map(({ update, sourceEventId }, index) => ({ ...emailFor(contacts[index], update), sourceEventId })),
    );
  }
}

function emailFor(contact: OrderContact, update: ShipmentUpdate): Email {
  switch (update.kind) {
    case 'dispatched':
      return orderDispatchedEmail(contact, update.shipmentId, update.dispatchedAt);
    case 'delivered':
      return orderDeliveredEmail(contact, update.deliveredAt);
    default:
      return unreachable(update);
  }
}
