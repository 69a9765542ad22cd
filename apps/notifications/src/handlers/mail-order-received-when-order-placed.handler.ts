import { Controller } from '@nestjs/common';
import { OrderPlacedV1Contract, type EventEnvelope, type OrderPlacedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { EmailGateway } from '../adapters/email-gateway.port';
import { NOTIFICATIONS } from '../context';
import { orderReceivedEmail } from '../domain/compose-email';
import { contactOf } from '../domain/email';
import { OrderContactRepository } from '../persistence/order-contact.repository';
import { assertOrderId } from './order-id.guard';

/** Remembers where the order's mail goes (shipment events do not say) and tells the customer we have it. */
@Controller()
export class MailOrderReceivedWhenOrderPlaced {
  constructor(
    private readonly gateway: EmailGateway,
    private readonly contacts: OrderContactRepository,
  ) {}

  @OnEvent(NOTIFICATIONS, OrderPlacedV1Contract)
  async handle(placed: EventEnvelope<OrderPlacedV1>, ctx: MessageContext): Promise<void> {
    assertOrderId(placed.payload.orderId);
    await this.contacts.remember(ctx.tx.manager, contactOf(placed.payload));
    await this.gateway.send(ctx.tx, { ...orderReceivedEmail(placed.payload), sourceEventId: placed.eventId });
  }
}
