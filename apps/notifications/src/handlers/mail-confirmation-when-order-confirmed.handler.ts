import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { MailOrderUpdateCommand } from '../commands/mail-order-update/mail-order-update.command';
import { NOTIFICATIONS } from '../context';
import { orderConfirmedEmail } from '../domain/compose-email';
import { contactOf } from '../domain/email';
import { assertOrderId } from './order-id.guard';

/** Tells the customer the order will ship; remembers the contact too, in case order-placed is late. */
@Controller()
export class MailConfirmationWhenOrderConfirmed {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(NOTIFICATIONS, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    assertOrderId(confirmed.payload.orderId);
    const email = orderConfirmedEmail(confirmed.payload);
    await this.commands.execute(
      new MailOrderUpdateCommand(contactOf(confirmed.payload), email, confirmed.eventId, ctx.tx),
    );
  }
}
