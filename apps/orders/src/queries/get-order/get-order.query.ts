import { Query } from '@nestjs/cqrs';
import type { OrderDetailsResponse } from './order-details.response.dto';

/** An order with its timeline, or undefined when there is no such order. */
export class GetOrderQuery extends Query<OrderDetailsResponse | undefined> {
  constructor(readonly orderId: string) {
    super();
  }
}
