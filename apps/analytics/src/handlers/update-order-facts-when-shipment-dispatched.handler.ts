import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { UpdateOrderFactsCommand } from '../commands/update-order-facts/update-order-facts.command';
import { ANALYTICS } from '../context';

/** A dispatched shipment moves its order on in the funnel. */
@Controller()
export class UpdateOrderFactsWhenShipmentDispatched {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ANALYTICS, ShipmentDispatchedV1Contract)
  async handle(dispatched: EventEnvelope<ShipmentDispatchedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(new UpdateOrderFactsCommand(dispatched, ctx.tx));
  }
}
