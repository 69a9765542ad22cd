import { Query } from '@nestjs/cqrs';
import type { TopProductsResponse } from './get-top-products.response.dto';

/** Best-selling products by units. */
export class GetTopProductsQuery extends Query<TopProductsResponse> {
  constructor(readonly limit: number) {
    super();
  }
}
