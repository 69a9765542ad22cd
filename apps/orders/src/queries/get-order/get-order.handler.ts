import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { OrderRepository } from '../../persistence/order.repository';
import { TimelineRepository } from '../../persistence/timeline.repository';
import { GetOrderQuery } from './get-order.query';
import type { OrderDetailsResponse } from './order-details.response.dto';
import { detailsResponse } from './order-responses';

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute({ orderId }: GetOrderQuery): Promise<OrderDetailsResponse | undefined> {
    const order = await this.orders.find(this.dataSource.manager, orderId);
    if (!order) return undefined;
    const timeline = await this.timeline.listFor(this.dataSource.manager, orderId);
    return detailsResponse(order, timeline);
  }
}
