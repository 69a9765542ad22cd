import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { CommitStockCommand } from './commit-stock.command';
import { INVENTORY } from '../../context';

/** The parcel left the warehouse: the reserved units are gone from the shelf for good. */
@Controller()
export class CommitStockWhenShipmentDispatched {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(INVENTORY, ShipmentDispatchedV1Contract)
  async handle(dispatched: EventEnvelope<ShipmentDispatchedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, shipmentId } = dispatched.payload;
    await this.commands.execute(new CommitStockCommand(orderId, shipmentId, ctx.tx));
  }
}
