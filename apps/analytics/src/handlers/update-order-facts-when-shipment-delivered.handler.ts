import { Controller } from '@nestjs/common';
import { ShipmentDeliveredV1Contract, type EventEnvelope, type ShipmentDeliveredV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { FailureMode } from '../adapters/failure-mode';
import { ANALYTICS } from '../context';
import { projectOrderEvent } from '../persistence/order-facts.projection';

/** A delivered shipment ends its order's journey through the funnel. */
@Controller()
export class UpdateOrderFactsWhenShipmentDelivered {
  constructor(private readonly failureMode: FailureMode) {}

  @OnEvent(ANALYTICS, ShipmentDeliveredV1Contract)
  async handle(delivered: EventEnvelope<ShipmentDeliveredV1>, ctx: MessageContext): Promise<void> {
    this.failureMode.throwIfFailing();
    await projectOrderEvent(ctx.tx.manager, delivered);
  }
}
