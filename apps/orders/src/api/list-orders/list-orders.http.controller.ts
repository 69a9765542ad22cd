import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { OrderRepository } from '../../persistence/order.repository';
import { summaryResponse } from '../get-order/order-responses';
import { ApiProblem } from '../api-problem.decorator';
import { ListOrdersQuery } from './list-orders.query.dto';
import { ListOrdersResponse } from './list-orders.response';
import { decodeCursor, encodeCursor } from './order-cursor';

const DEFAULT_LIMIT = 20;

@ApiTags('orders')
@Controller('orders')
export class ListOrdersHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: "A customer's orders, newest first, a page at a time (keyset pagination)" })
  @ApiOkResponse({ type: ListOrdersResponse })
  @ApiProblem(400, 'Missing or malformed customerId, limit or cursor')
  async list(@Query() query: ListOrdersQuery): Promise<ListOrdersResponse> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    // one more than asked tells whether there is a next page
    const found = await this.orders.listByCustomer(this.dataSource.manager, query.customerId, limit + 1, after);
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summaryResponse),
      nextCursor: found.length > limit ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }
}
