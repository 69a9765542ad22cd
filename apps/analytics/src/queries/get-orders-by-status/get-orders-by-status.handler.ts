import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OrderFactsQueries } from '../../persistence/order-facts.queries';
import { GetOrdersByStatusQuery } from './get-orders-by-status.query';
import type { OrdersByStatusResponse } from './get-orders-by-status.response.dto';

@QueryHandler(GetOrdersByStatusQuery)
export class GetOrdersByStatusHandler implements IQueryHandler<GetOrdersByStatusQuery> {
  constructor(private readonly facts: OrderFactsQueries) {}

  async execute(): Promise<OrdersByStatusResponse> {
    return this.facts.ordersByStatus();
  }
}
