import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ReversePointsCommand } from './reverse-points.command';
import { LOYALTY } from '../../context';

/**
 * A cancelled order gives its points back. `wasConfirmed` is not trusted to decide: the ledger
 * is, so a cancellation that overtook its confirmation still closes the order.
 */
@Controller()
export class ReversePointsWhenOrderCancelled {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(LOYALTY, OrderCancelledV1Contract)
  async handle(cancelled: EventEnvelope<OrderCancelledV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(
      new ReversePointsCommand(cancelled.payload.orderId, 'CANCELLED', cancelled.eventId, ctx.tx),
    );
  }
}
