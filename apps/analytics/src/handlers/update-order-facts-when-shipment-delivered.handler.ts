import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ShipmentDeliveredV1Contract, type EventEnvelope, type ShipmentDeliveredV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { UpdateOrderFactsCommand } from '../commands/update-order-facts/update-order-facts.command';
import { ANALYTICS } from '../context';

/** A delivered shipment ends its order's journey through the funnel. */
@Controller()
export class UpdateOrderFactsWhenShipmentDelivered {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ANALYTICS, ShipmentDeliveredV1Contract)
  async handle(delivered: EventEnvelope<ShipmentDeliveredV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(new UpdateOrderFactsCommand(delivered, ctx.tx));
  }
}
