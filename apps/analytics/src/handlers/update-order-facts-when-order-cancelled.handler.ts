import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { UpdateOrderFactsCommand } from '../commands/update-order-facts/update-order-facts.command';
import { ANALYTICS } from '../context';

/** A cancelled order leaves revenue and top products, even if it was confirmed before. */
@Controller()
export class UpdateOrderFactsWhenOrderCancelled {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ANALYTICS, OrderCancelledV1Contract)
  async handle(cancelled: EventEnvelope<OrderCancelledV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(new UpdateOrderFactsCommand(cancelled, ctx.tx));
  }
}
