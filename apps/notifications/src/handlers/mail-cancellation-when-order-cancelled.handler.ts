import { Controller } from '@nestjs/common';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { EmailGateway } from '../adapters/email-gateway.port';
import { NOTIFICATIONS } from '../context';
import { orderCancelledEmail } from '../domain/compose-email';
import { contactOf } from '../domain/email';
import { OrderContactRepository } from '../persistence/order-contact.repository';
import { assertOrderId } from './order-id.guard';

/** Tells the customer the order was cancelled, and why. */
@Controller()
export class MailCancellationWhenOrderCancelled {
  constructor(
    private readonly gateway: EmailGateway,
    private readonly contacts: OrderContactRepository,
  ) {}

  @OnEvent(NOTIFICATIONS, OrderCancelledV1Contract)
  async handle(cancelled: EventEnvelope<OrderCancelledV1>, ctx: MessageContext): Promise<void> {
    assertOrderId(cancelled.payload.orderId);
    await this.contacts.remember(ctx.tx.manager, contactOf(cancelled.payload));
    await this.gateway.send(ctx.tx, { ...orderCancelledEmail(cancelled.payload), sourceEventId: cancelled.eventId });
  }
}
