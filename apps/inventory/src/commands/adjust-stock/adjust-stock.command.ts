import { Command } from '@nestjs/cqrs';
import type { Product } from '../../domain/product';

/** Add or remove units on hand and announce the product. */
export class AdjustStockCommand extends Command<Product> {
  constructor(
    readonly sku: string,
    readonly delta: number,
    readonly correlationId: string,
  ) {
    super();
  }
}
