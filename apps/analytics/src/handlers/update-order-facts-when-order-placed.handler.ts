import { Controller } from '@nestjs/common';
import { OrderPlacedV1Contract, type EventEnvelope, type OrderPlacedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { FailureMode } from '../adapters/failure-mode';
import { ANALYTICS } from '../context';
import { projectOrderEvent } from '../persistence/order-facts.projection';

/** A placed order enters the funnel, with its customer, total and lines (until confirmation corrects them). */
@Controller()
export class UpdateOrderFactsWhenOrderPlaced {
  constructor(private readonly failureMode: FailureMode) {}

  @OnEvent(ANALYTICS, OrderPlacedV1Contract)
  async handle(placed: EventEnvelope<OrderPlacedV1>, ctx: MessageContext): Promise<void> {
    this.failureMode.throwIfFailing();
    await projectOrderEvent(ctx.tx.manager, placed);
  }
}
