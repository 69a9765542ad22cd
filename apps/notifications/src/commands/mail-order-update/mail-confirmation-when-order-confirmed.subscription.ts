import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { MailOrderUpdateCommand } from './mail-order-update.command';
import { NOTIFICATIONS } from '../../context';
import { orderConfirmedEmail } from '../../domain/compose-email';
import { contactOf } from '../../domain/email';

/** Tells the customer the order will ship; remembers the contact too, in case order-placed is late. */
@Controller()
export class MailConfirmationWhenOrderConfirmed {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(NOTIFICATIONS, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    const email = orderConfirmedEmail(confirmed.payload);
    orPermanentFailure(
      await this.commands.execute(
        new MailOrderUpdateCommand(contactOf(confirmed.payload), email, confirmed.eventId, ctx.tx),
      ),
    );
  }
}
