import { Query } from '@nestjs/cqrs';
import type { Product } from '../../domain/product';

/** One product, or undefined for an unknown SKU. */
export class GetProductQuery extends Query<Product | undefined> {
  constructor(readonly sku: string) {
    super();
  }
}
