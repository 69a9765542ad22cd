import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { CreditPointsCommand } from '../commands/credit-points/credit-points.command';
import { LOYALTY } from '../context';

/** A confirmed order earns its points, once, unless it was already closed. */
@Controller()
export class CreditPointsWhenOrderConfirmed {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(LOYALTY, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, customerId, totalMinor } = confirmed.payload;
    await this.commands.execute(new CreditPointsCommand(orderId, customerId, totalMinor, confirmed.eventId, ctx.tx));
  }
}
