import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProblem, invalidRequest } from '@platform/http';
import { ListCustomerOrdersQuery } from './list-orders.query';
import { ListOrdersRequest } from './list-orders.request.dto';
import { ListOrdersResponse } from './list-orders.response.dto';
import { decodeCursor } from './order-cursor';

const DEFAULT_LIMIT = 20;

@ApiTags('orders')
@Controller('orders')
export class ListOrdersHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: "A customer's orders, newest first, a page at a time (keyset pagination)" })
  @ApiOkResponse({ type: ListOrdersResponse })
  @ApiProblem(
    400,
    'Missing or malformed customerId, limit or cursor',
    invalidRequest('customerId', 'customerId must be a UUID'),
    {
      name: 'cursor',
      code: 'REQUEST.INVALID',
      detail: 'The cursor is not one this API returned.',
      errors: [{ field: 'cursor', problems: ['cursor is malformed'] }],
    },
  )
  async list(@Query() query: ListOrdersRequest): Promise<ListOrdersResponse> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    return this.queries.execute(new ListCustomerOrdersQuery(query.customerId, limit, after));
  }
}
