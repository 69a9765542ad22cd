import { Controller } from '@nestjs/common';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { EmailGateway } from '../adapters/email-gateway.port';
import { NOTIFICATIONS } from '../context';
import { orderDispatchedEmail } from '../domain/compose-email';
import { ContactLookup } from './contact-lookup';
import { assertOrderId } from './order-id.guard';

/** Tells the customer the parcel is on its way (to the address the order's events gave us). */
@Controller()
export class MailDispatchNoticeWhenShipmentDispatched {
  constructor(
    private readonly gateway: EmailGateway,
    private readonly contacts: ContactLookup,
  ) {}

  @OnEvent(NOTIFICATIONS, ShipmentDispatchedV1Contract)
  async handle(dispatched: EventEnvelope<ShipmentDispatchedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, shipmentId, dispatchedAt } = dispatched.payload;
    assertOrderId(orderId);
    const contact = await this.contacts.require(ctx.tx, orderId);
    const email = orderDispatchedEmail(contact, shipmentId, dispatchedAt);
    await this.gateway.send(ctx.tx, { ...email, sourceEventId: dispatched.eventId });
  }
}
