import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { listProducts } from '../../persistence/product.repository';
import { BrowseCatalogueQuery, type CataloguePage } from './browse-catalogue.query';

/** The public catalogue: read-only, no transaction needed. */
@QueryHandler(BrowseCatalogueQuery)
export class BrowseCatalogueHandler implements IQueryHandler<BrowseCatalogueQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ limit, offset }: BrowseCatalogueQuery): Promise<CataloguePage> {
    return listProducts(this.dataSource.manager, { limit, offset });
  }
}
