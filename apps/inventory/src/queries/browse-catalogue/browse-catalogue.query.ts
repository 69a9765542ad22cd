import { Query } from '@nestjs/cqrs';
import type { Product } from '../../domain/product';

export interface CataloguePage {
  readonly items: Product[];
  readonly total: number;
}

/** A page of the catalogue, by SKU. */
export class BrowseCatalogueQuery extends Query<CataloguePage> {
  constructor(
    readonly limit: number,
    readonly offset: number,
  ) {
    super();
  }
}
