import { Command } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import type { Product } from '../../domain/product';

/** Add or remove units on hand and announce the product. */
export class AdjustStockCommand extends Command<Refusable<Product>> {
  constructor(
    readonly sku: string,
    readonly delta: number,
    readonly correlationId: string,
  ) {
    super();
  }
}
