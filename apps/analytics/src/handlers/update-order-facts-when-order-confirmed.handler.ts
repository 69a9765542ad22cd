import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { UpdateOrderFactsCommand } from '../commands/update-order-facts/update-order-facts.command';
import { ANALYTICS } from '../context';

/** A confirmed order counts as sold, by its final total and lines, on the UTC day of confirmation. */
@Controller()
export class UpdateOrderFactsWhenOrderConfirmed {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ANALYTICS, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(new UpdateOrderFactsCommand(confirmed, ctx.tx));
  }
}
