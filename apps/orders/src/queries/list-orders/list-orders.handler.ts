import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { OrderRepository } from '../../persistence/order.repository';
import { summaryResponse } from '../get-order/order-responses';
import { ListCustomerOrdersQuery } from './list-orders.query';
import type { ListOrdersResponse } from './list-orders.response.dto';
import { encodeCursor } from './order-cursor';

@QueryHandler(ListCustomerOrdersQuery)
export class ListCustomerOrdersHandler implements IQueryHandler<ListCustomerOrdersQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
  ) {}

  async execute({ customerId, limit, after }: ListCustomerOrdersQuery): Promise<ListOrdersResponse> {
    // one more than asked tells whether there is a next page
    const found = await this.orders.listByCustomer(this.dataSource.manager, customerId, limit + 1, after);
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summaryResponse),
      nextCursor: found.length > limit ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }
}
