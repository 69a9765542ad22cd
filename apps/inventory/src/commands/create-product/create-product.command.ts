import { Command } from '@nestjs/cqrs';
import type { NewProduct, Product } from '../../domain/product';

/** Add a product with its initial stock and announce it. */
export class CreateProductCommand extends Command<Product> {
  constructor(
    readonly product: NewProduct,
    readonly correlationId: string,
  ) {
    super();
  }
}
