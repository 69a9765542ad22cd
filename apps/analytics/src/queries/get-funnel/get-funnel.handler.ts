import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OrderFactsQueries } from '../../persistence/order-facts.queries';
import { GetFunnelQuery } from './get-funnel.query';
import type { FunnelResponse } from './get-funnel.response.dto';

@QueryHandler(GetFunnelQuery)
export class GetFunnelHandler implements IQueryHandler<GetFunnelQuery> {
  constructor(private readonly facts: OrderFactsQueries) {}

  async execute(): Promise<FunnelResponse> {
    return this.facts.funnel();
  }
}
