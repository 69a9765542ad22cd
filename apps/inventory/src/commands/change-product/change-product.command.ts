import { Command } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import type { Product, ProductChanges } from '../../domain/product';

/** Rename, reprice or (de)activate a product and announce it. */
export class ChangeProductCommand extends Command<Refusable<Product>> {
  constructor(
    readonly sku: string,
    readonly changes: ProductChanges,
    readonly correlationId: string,
  ) {
    super();
  }
}
