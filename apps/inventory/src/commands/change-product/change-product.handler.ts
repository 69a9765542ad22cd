import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, type Refusable } from '@platform/domain';
import { TransactionRunner } from '@platform/database';
import { OutboxWriter } from '@platform/outbox';
import { changeProduct, unknownSku, type Product } from '../../domain/product';
import { lockProduct, saveProductChanges } from '../../persistence/product.repository';
import { productUpdatedEvent } from '../product-updated.event';
import { ChangeProductCommand } from './change-product.command';

/**
 * Renames, reprices or (de)activates a product and announces it. Announced even when nothing
 * differs: an operator re-saving a product is a cheap way to resend it to the price list.
 */
@CommandHandler(ChangeProductCommand)
export class ChangeProductHandler implements ICommandHandler<ChangeProductCommand> {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ sku, changes, correlationId }: ChangeProductCommand): Promise<Refusable<Product>> {
    return this.transactions.run(async (tx) => {
      const current = await lockProduct(tx.manager, sku);
      if (!current) return unknownSku(sku);
      const changed = changeProduct(current, changes, this.clock.now());
      await saveProductChanges(tx.manager, changed);
      await this.outbox.append(tx, { correlationId }, [productUpdatedEvent(changed)]);
      return changed;
    });
  }
}
