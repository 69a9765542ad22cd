import { Controller } from '@nestjs/common';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { FailureMode } from '../adapters/failure-mode';
import { ANALYTICS } from '../context';
import { projectOrderEvent } from '../persistence/order-facts.projection';

/** A confirmed order counts as sold, by its final total and lines, on the UTC day of confirmation. */
@Controller()
export class UpdateOrderFactsWhenOrderConfirmed {
  constructor(private readonly failureMode: FailureMode) {}

  @OnEvent(ANALYTICS, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    this.failureMode.throwIfFailing();
    await projectOrderEvent(ctx.tx.manager, confirmed);
  }
}
