import { Controller } from '@nestjs/common';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { EmailGateway } from '../adapters/email-gateway.port';
import { NOTIFICATIONS } from '../context';
import { orderConfirmedEmail } from '../domain/compose-email';
import { contactOf } from '../domain/email';
import { OrderContactRepository } from '../persistence/order-contact.repository';
import { assertOrderId } from './order-id.guard';

/** Tells the customer the order will ship; remembers the contact too, in case order-placed is late. */
@Controller()
export class MailConfirmationWhenOrderConfirmed {
  constructor(
    private readonly gateway: EmailGateway,
    private readonly contacts: OrderContactRepository,
  ) {}

  @OnEvent(NOTIFICATIONS, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    assertOrderId(confirmed.payload.orderId);
    await this.contacts.remember(ctx.tx.manager, contactOf(confirmed.payload));
    await this.gateway.send(ctx.tx, { ...orderConfirmedEmail(confirmed.payload), sourceEventId: confirmed.eventId });
  }
}
