import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { unreachable, type Refusable } from '@platform/domain';
import { EmailGateway } from '../../adapters/email-gateway.port';
import { orderDeliveredEmail, orderDispatchedEmail } from '../../domain/compose-email';
import type { Email, OrderContact } from '../../domain/email';
import { invalidOrderId } from '../../domain/invalid-order-id';
import { ContactLookup } from './contact-lookup';
import { MailShipmentUpdateCommand, type ShipmentUpdate } from './mail-shipment-update.command';

@CommandHandler(MailShipmentUpdateCommand)
export class MailShipmentUpdateHandler implements ICommandHandler<MailShipmentUpdateCommand> {
  constructor(
    private readonly gateway: EmailGateway,
    private readonly contacts: ContactLookup,
  ) {}

  async execute({ orderId, update, sourceEventId, tx }: MailShipmentUpdateCommand): Promise<Refusable<void>> {
    const refused = invalidOrderId(orderId);
    if (refused) return refused;
    const contact = await this.contacts.require(tx, orderId);
    await this.gateway.send(tx, { ...emailFor(contact, update), sourceEventId });
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
