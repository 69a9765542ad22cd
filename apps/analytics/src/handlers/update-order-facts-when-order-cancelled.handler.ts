import { Controller } from '@nestjs/common';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { FailureMode } from '../adapters/failure-mode';
import { ANALYTICS } from '../context';
import { projectOrderEvent } from '../persistence/order-facts.projection';

/** A cancelled order leaves revenue and top products, even if it was confirmed before. */
@Controller()
export class UpdateOrderFactsWhenOrderCancelled {
  constructor(private readonly failureMode: FailureMode) {}

  @OnEvent(ANALYTICS, OrderCancelledV1Contract)
  async handle(cancelled: EventEnvelope<OrderCancelledV1>, ctx: MessageContext): Promise<void> {
    this.failureMode.throwIfFailing();
    await projectOrderEvent(ctx.tx.manager, cancelled);
  }
}
