import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { ReversePointsCommand } from './reverse-points.command';
import { LOYALTY } from '../../context';

/**
 * Cancelled orders give their points back. `wasConfirmed` is not trusted to decide: the ledger
 * is, so a cancellation that overtook its confirmation still closes the order. Taken as a set.
 */
@Controller()
export class ReversePointsWhenOrderCancelled {
  constructor(private readonly commands: CommandBus) {}

  @OnEvents(LOYALTY, OrderCancelledV1Contract)
  async handle(cancelled: ReadonlyArray<EventEnvelope<OrderCancelledV1>>, ctx: MessageSetContext): Promise<void> {
    const closings = cancelled.map(({ payload, eventId }) => ({
      orderId: payload.orderId,
      reason: 'CANCELLED' as const,
      sourceEventId: eventId,
    }));
    await this.commands.execute(new ReversePointsCommand(closings, ctx.tx));
  }
}
