import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, Refusal, type Refusable } from '@platform/domain';
import { TransactionRunner } from '@platform/database';
import { OutboxWriter } from '@platform/outbox';
import { createProduct, type Product } from '../../domain/product';
import { insertProductIfAbsent } from '../../persistence/product.repository';
import { productUpdatedEvent } from '../product-updated.event';
import { CreateProductCommand } from './create-product.command';

/** Adds a product with its initial stock and announces it, in one transaction. */
@CommandHandler(CreateProductCommand)
export class CreateProductHandler implements ICommandHandler<CreateProductCommand> {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ product: input, correlationId }: CreateProductCommand): Promise<Refusable<Product>> {
    const product = createProduct(input, this.clock.now());
    return this.transactions.run(async (tx) => {
      if (!(await insertProductIfAbsent(tx.manager, product))) {
        return Refusal.conflict('INVENTORY.DUPLICATE_SKU', `A product with SKU ${input.sku} exists already.`);
      }
      await this.outbox.append(tx, { correlationId }, [productUpdatedEvent(product)]);
      return product;
    });
  }
}
