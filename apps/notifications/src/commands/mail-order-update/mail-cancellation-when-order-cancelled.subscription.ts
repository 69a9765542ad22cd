import { Controller } from '@nestjs/common';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { NOTIFICATIONS } from '../../context';
import { orderCancelledEmail } from '../../domain/compose-email';
import { contactOf } from '../../domain/email';
import { MailOrderUpdates } from './mail-order-updates';

/** Tells the customer the order was cancelled, and why; a set at a time. */
@Controller()
export class MailCancellationWhenOrderCancelled {
  constructor(private readonly mails: MailOrderUpdates) {}

  @OnEvents(NOTIFICATIONS, OrderCancelledV1Contract)
  async handle(events: ReadonlyArray<EventEnvelope<OrderCancelledV1>>, set: MessageSetContext): Promise<void> {
    const mails = events.map((cancelled) => ({
      contact: contactOf(cancelled.payload),
      email: orderCancelledEmail(cancelled.payload),
      sourceEventId: cancelled.eventId,
    }));
    await this.mails.mail(mails, set);
  }
}
