import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OrderFactsQueries } from '../../persistence/order-facts.queries';
import { GetRevenueQuery } from './get-revenue.query';
import type { RevenueResponse } from './get-revenue.response.dto';

@QueryHandler(GetRevenueQuery)
export class GetRevenueHandler implements IQueryHandler<GetRevenueQuery> {
  constructor(private readonly facts: OrderFactsQueries) {}

  async execute({ from, to }: GetRevenueQuery): Promise<RevenueResponse> {
    return { from: from ?? null, to: to ?? null, days: await this.facts.revenue(from, to) };
  }
}
