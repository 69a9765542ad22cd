import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OrderFactsQueries } from '../../persistence/order-facts.queries';
import { GetTopProductsQuery } from './get-top-products.query';
import type { TopProductsResponse } from './get-top-products.response.dto';

@QueryHandler(GetTopProductsQuery)
export class GetTopProductsHandler implements IQueryHandler<GetTopProductsQuery> {
  constructor(private readonly facts: OrderFactsQueries) {}

  async execute({ limit }: GetTopProductsQuery): Promise<TopProductsResponse> {
    return { products: await this.facts.topProducts(limit) };
  }
}
