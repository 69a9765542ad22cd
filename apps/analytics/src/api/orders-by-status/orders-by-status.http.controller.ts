import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderFactsQueries } from '../../persistence/order-facts.queries';
import { OrdersByStatusResponse } from './orders-by-status.response.dto';

@ApiTags('analytics')
@Controller('analytics')
export class OrdersByStatusHttpController {
  constructor(private readonly queries: OrderFactsQueries) {}

  @Get('orders-by-status')
  @ApiOperation({ summary: 'Number of orders per current status' })
  @ApiOkResponse({ type: OrdersByStatusResponse })
  async get(): Promise<OrdersByStatusResponse> {
    return this.queries.ordersByStatus();
  }
}
