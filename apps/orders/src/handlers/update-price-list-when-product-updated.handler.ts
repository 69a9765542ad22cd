import { Controller } from '@nestjs/common';
import { ProductUpdatedV1Contract, type EventEnvelope, type ProductUpdatedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ORDERS } from '../context';
import { PriceListRepository } from '../persistence/price-list.repository';

/** Keeps the price list orders are priced from; an update older than the stored one is ignored. */
@Controller()
export class UpdatePriceListWhenProductUpdated {
  constructor(private readonly priceList: PriceListRepository) {}

  @OnEvent(ORDERS, ProductUpdatedV1Contract)
  async handle(updated: EventEnvelope<ProductUpdatedV1>, ctx: MessageContext): Promise<void> {
    await this.priceList.upsert(ctx.tx.manager, updated.payload);
  }
}
