import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Product } from '../../domain/product';
import { findProduct } from '../../persistence/product.repository';
import { GetProductQuery } from './get-product.query';

@QueryHandler(GetProductQuery)
export class GetProductHandler implements IQueryHandler<GetProductQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ sku }: GetProductQuery): Promise<Product | undefined> {
    return findProduct(this.dataSource.manager, sku);
  }
}
