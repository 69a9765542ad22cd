import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { CreditPointsCommand } from './credit-points.command';
import { LOYALTY } from '../../context';

/** A confirmed order earns its points, once, unless it was already closed. */
@Controller()
export class CreditPointsWhenOrderConfirmed {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(LOYALTY, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, customerId, totalMinor } = confirmed.payload;
    const command = new CreditPointsCommand(orderId, customerId, totalMinor, confirmed.eventId, ctx.tx);
    orPermanentFailure(await this.commands.execute(command));
  }
}
