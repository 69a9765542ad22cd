import { Controller } from '@nestjs/common';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { NOTIFICATIONS } from '../../context';
import { orderConfirmedEmail } from '../../domain/compose-email';
import { contactOf } from '../../domain/email';
import { MailOrderUpdates } from './mail-order-updates';

/** Tells the customer the order will ship; remembers the contact too, in case order-placed is late; a set at a time. */
@Controller()
export class MailConfirmationWhenOrderConfirmed {
  constructor(private readonly mails: MailOrderUpdates) {}

  @OnEvents(NOTIFICATIONS, OrderConfirmedV1Contract)
  async handle(events: ReadonlyArray<EventEnvelope<OrderConfirmedV1>>, set: MessageSetContext): Promise<void> {
    const mails = events.map((confirmed) => ({
      contact: contactOf(confirmed.payload),
      email: orderConfirmedEmail(confirmed.payload),
      sourceEventId: confirmed.eventId,
    }));
    await this.mails.mail(mails, set);
  }
}
