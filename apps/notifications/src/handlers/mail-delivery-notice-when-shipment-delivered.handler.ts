import { Controller } from '@nestjs/common';
import { ShipmentDeliveredV1Contract, type EventEnvelope, type ShipmentDeliveredV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { EmailGateway } from '../adapters/email-gateway.port';
import { NOTIFICATIONS } from '../context';
import { orderDeliveredEmail } from '../domain/compose-email';
import { ContactLookup } from './contact-lookup';
import { assertOrderId } from './order-id.guard';

/** Tells the customer the parcel arrived. */
@Controller()
export class MailDeliveryNoticeWhenShipmentDelivered {
  constructor(
    private readonly gateway: EmailGateway,
    private readonly contacts: ContactLookup,
  ) {}

  @OnEvent(NOTIFICATIONS, ShipmentDeliveredV1Contract)
  async handle(delivered: EventEnvelope<ShipmentDeliveredV1>, ctx: MessageContext): Promise<void> {
    const { orderId, deliveredAt } = delivered.payload;
    assertOrderId(orderId);
    const contact = await this.contacts.require(ctx.tx, orderId);
    await this.gateway.send(ctx.tx, { ...orderDeliveredEmail(contact, deliveredAt), sourceEventId: delivered.eventId });
  }
}
