import { Query } from '@nestjs/cqrs';
import type { OrderListPosition } from '../../persistence/order.repository';
import type { ListOrdersResponse } from './list-orders.response.dto';

/** A page of a customer's orders, newest first, after a position (keyset pagination). */
export class ListCustomerOrdersQuery extends Query<ListOrdersResponse> {
  constructor(
    readonly customerId: string,
    readonly limit: number,
    readonly after: OrderListPosition | undefined,
  ) {
    super();
  }
}
