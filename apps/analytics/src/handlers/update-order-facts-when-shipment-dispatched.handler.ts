import { Controller } from '@nestjs/common';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { FailureMode } from '../adapters/failure-mode';
import { ANALYTICS } from '../context';
import { projectOrderEvent } from '../persistence/order-facts.projection';

/** A dispatched shipment moves its order on in the funnel. */
@Controller()
export class UpdateOrderFactsWhenShipmentDispatched {
  constructor(private readonly failureMode: FailureMode) {}

  @OnEvent(ANALYTICS, ShipmentDispatchedV1Contract)
  async handle(dispatched: EventEnvelope<ShipmentDispatchedV1>, ctx: MessageContext): Promise<void> {
    this.failureMode.throwIfFailing();
    await projectOrderEvent(ctx.tx.manager, dispatched);
  }
}
