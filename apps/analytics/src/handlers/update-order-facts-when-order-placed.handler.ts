import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderPlacedV1Contract, type EventEnvelope, type OrderPlacedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { UpdateOrderFactsCommand } from '../commands/update-order-facts/update-order-facts.command';
import { ANALYTICS } from '../context';

/** A placed order enters the funnel, with its customer, total and lines (until confirmation corrects them). */
@Controller()
export class UpdateOrderFactsWhenOrderPlaced {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ANALYTICS, OrderPlacedV1Contract)
  async handle(placed: EventEnvelope<OrderPlacedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(new UpdateOrderFactsCommand(placed, ctx.tx));
  }
}
