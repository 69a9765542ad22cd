import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { MailOrderUpdateCommand } from './mail-order-update.command';
import { NOTIFICATIONS } from '../../context';
import { orderCancelledEmail } from '../../domain/compose-email';
import { contactOf } from '../../domain/email';

/** Tells the customer the order was cancelled, and why. */
@Controller()
export class MailCancellationWhenOrderCancelled {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(NOTIFICATIONS, OrderCancelledV1Contract)
  async handle(cancelled: EventEnvelope<OrderCancelledV1>, ctx: MessageContext): Promise<void> {
    const email = orderCancelledEmail(cancelled.payload);
    orPermanentFailure(
      await this.commands.execute(
        new MailOrderUpdateCommand(contactOf(cancelled.payload), email, cancelled.eventId, ctx.tx),
      ),
    );
  }
}
