import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { CommitStockCommand } from './commit-stock.command';
import { INVENTORY } from '../../context';

/** Parcels left the warehouse: their reserved units are gone from the shelf for good. Taken as a set. */
@Controller()
export class CommitStockWhenShipmentDispatched {
  constructor(private readonly commands: CommandBus) {}

  @OnEvents(INVENTORY, ShipmentDispatchedV1Contract)
  async handle(dispatched: ReadonlyArray<EventEnvelope<ShipmentDispatchedV1>>, ctx: MessageSetContext): Promise<void> {
    const dispatches = dispatched.map(({ payload: { orderId, shipmentId } }) => ({ orderId, shipmentId }));
    await this.commands.execute(new CommitStockCommand(dispatches, ctx.tx));
  }
}
