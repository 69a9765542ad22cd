import { Query } from '@nestjs/cqrs';
import type { OrdersByStatusResponse } from './get-orders-by-status.response.dto';

/** Number of orders per current status. */
export class GetOrdersByStatusQuery extends Query<OrdersByStatusResponse> {}
