import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { OrdersByStatusResponse } from './get-orders-by-status.response.dto';
import { GetOrdersByStatusQuery } from './get-orders-by-status.query';

@ApiTags('analytics')
@Controller('analytics')
export class OrdersByStatusHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('orders-by-status')
  @ApiOperation({ summary: 'Number of orders per current status' })
  @ApiOkResponse({ type: OrdersByStatusResponse })
  async get(): Promise<OrdersByStatusResponse> {
    return this.queries.execute(new GetOrdersByStatusQuery());
  }
}
