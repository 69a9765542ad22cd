import { Command } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import type { NewProduct, Product } from '../../domain/product';

/** Add a product with its initial stock and announce it; refused (conflict) when its SKU is taken. */
export class CreateProductCommand extends Command<Refusable<Product>> {
  constructor(
    readonly product: NewProduct,
    readonly correlationId: string,
  ) {
    super();
  }
}
