import { Injectable } from '@nestjs/common';
import { Clock } from '@platform/config';
import { TransactionRunner } from '@platform/database';
import { ProblemException } from '@platform/http';
import { OutboxWriter } from '@platform/outbox';
import { createProduct, type NewProduct, type Product } from '../../domain/product';
import { insertProductIfAbsent } from '../../persistence/product.repository';
import { productUpdatedEvent } from '../product-updated.event';

/** Adds a product with its initial stock and announces it, in one transaction. */
@Injectable()
export class CreateProductHandler {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute(input: NewProduct, correlationId: string): Promise<Product> {
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
