import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@platform/domain';
import { TransactionRunner } from '@platform/database';
import { ProblemException } from '@platform/http';
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

  async execute({ product: input, correlationId }: CreateProductCommand): Promise<Product> {
    const product = createProduct(input, this.clock.now());
    return this.transactions.run(async (tx) => {
      if (!(await insertProductIfAbsent(tx.manager, product))) {
        throw new ProblemException({
          status: 409,
          code: 'INVENTORY.DUPLICATE_SKU',
          detail: `A product with SKU ${input.sku} exists already.`,
        });
      }
      await this.outbox.append(tx, { correlationId }, [productUpdatedEvent(product)]);
      return product;
    });
  }
}
