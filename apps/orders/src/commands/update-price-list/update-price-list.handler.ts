import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PriceListRepository } from '../../persistence/price-list.repository';
import { UpdatePriceListCommand } from './update-price-list.command';

/** An update older than the stored one is ignored (by its updatedAt). */
@CommandHandler(UpdatePriceListCommand)
export class UpdatePriceListHandler implements ICommandHandler<UpdatePriceListCommand> {
  constructor(private readonly priceList: PriceListRepository) {}

  async execute({ product, tx }: UpdatePriceListCommand): Promise<void> {
    await this.priceList.upsert(tx.manager, product);
  }
}
