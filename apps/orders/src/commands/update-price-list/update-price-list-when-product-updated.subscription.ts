import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ProductUpdatedV1Contract, type EventEnvelope, type ProductUpdatedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { UpdatePriceListCommand } from './update-price-list.command';
import { ORDERS } from '../../context';

/** Keeps the price list orders are priced from; an update older than the stored one is ignored. */
@Controller()
export class UpdatePriceListWhenProductUpdated {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, ProductUpdatedV1Contract)
  async handle(updated: EventEnvelope<ProductUpdatedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(new UpdatePriceListCommand(updated.payload, ctx.tx));
  }
}
