import { Controller } from '@nestjs/common';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { LOYALTY } from '../context';
import { ReversePoints } from './reverse-points.use-case';

/**
 * A cancelled order gives its points back. `wasConfirmed` is not trusted to decide: the ledger
 * is, so a cancellation that overtook its confirmation still closes the order.
 */
@Controller()
export class ReversePointsWhenOrderCancelled {
  constructor(private readonly reversePoints: ReversePoints) {}

  @OnEvent(LOYALTY, OrderCancelledV1Contract)
  async handle(cancelled: EventEnvelope<OrderCancelledV1>, ctx: MessageContext): Promise<void> {
    await this.reversePoints.run(ctx.tx.manager, cancelled.payload.orderId, 'CANCELLED', cancelled.eventId);
  }
}
