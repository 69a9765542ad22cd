import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderFactsQueries } from '../../persistence/order-facts.queries';
import { TopProductsQuery } from './top-products.request.dto';
import { TopProductsResponse } from './top-products.response.dto';
import { ProblemResponse } from '@platform/http';

@ApiTags('analytics')
@Controller('analytics')
export class TopProductsHttpController {
  constructor(private readonly queries: OrderFactsQueries) {}

  @Get('top-products')
  @ApiOperation({ summary: 'Best-selling products by units (confirmed orders, not cancelled)' })
  @ApiOkResponse({ type: TopProductsResponse })
  @ApiBadRequestResponse({
    type: ProblemResponse,
    description: 'limit outside 1..100 (problem+json, code REQUEST.INVALID)',
  })
  async get(@Query() query: TopProductsQuery): Promise<TopProductsResponse> {
    return { products: await this.queries.topProducts(query.limit ?? 10) };
  }
}
