import { Controller } from '@nestjs/common';
import { OrderPlacedV1Contract, type EventEnvelope, type OrderPlacedV1 } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { NOTIFICATIONS } from '../../context';
import { orderReceivedEmail } from '../../domain/compose-email';
import { contactOf } from '../../domain/email';
import { MailOrderUpdates } from './mail-order-updates';

/** Remembers where the order's mail goes (shipment events do not say) and tells the customer we have it; a set at a time. */
@Controller()
export class MailOrderReceivedWhenOrderPlaced {
  constructor(private readonly mails: MailOrderUpdates) {}

  @OnEvents(NOTIFICATIONS, OrderPlacedV1Contract)
  async handle(events: ReadonlyArray<EventEnvelope<OrderPlacedV1>>, set: MessageSetContext): Promise<void> {
    const mails = events.map((placed) => ({
      contact: contactOf(placed.payload),
      email: orderReceivedEmail(placed.payload),
      sourceEventId: placed.eventId,
    }));
    await this.mails.mail(mails, set);
  }
}
