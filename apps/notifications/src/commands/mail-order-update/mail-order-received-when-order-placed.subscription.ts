import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderPlacedV1Contract, type EventEnvelope, type OrderPlacedV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { MailOrderUpdateCommand } from './mail-order-update.command';
import { NOTIFICATIONS } from '../../context';
import { orderReceivedEmail } from '../../domain/compose-email';
import { contactOf } from '../../domain/email';

/** Remembers where the order's mail goes (shipment events do not say) and tells the customer we have it. */
@Controller()
export class MailOrderReceivedWhenOrderPlaced {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(NOTIFICATIONS, OrderPlacedV1Contract)
  async handle(placed: EventEnvelope<OrderPlacedV1>, ctx: MessageContext): Promise<void> {
    const email = orderReceivedEmail(placed.payload);
    orPermanentFailure(
      await this.commands.execute(new MailOrderUpdateCommand(contactOf(placed.payload), email, placed.eventId, ctx.tx)),
    );
  }
}
