import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { TopProductsQuery } from './get-top-products.request.dto';
import { TopProductsResponse } from './get-top-products.response.dto';
import { ApiProblem, invalidRequest } from '@platform/http';
import { GetTopProductsQuery } from './get-top-products.query';

@ApiTags('analytics')
@Controller('analytics')
export class TopProductsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('top-products')
  @ApiOperation({ summary: 'Best-selling products by units (confirmed orders, not cancelled)' })
  @ApiOkResponse({ type: TopProductsResponse })
  @ApiProblem(400, 'limit outside 1..100', invalidRequest('limit', 'limit must not be greater than 100'))
  async get(@Query() query: TopProductsQuery): Promise<TopProductsResponse> {
    return this.queries.execute(new GetTopProductsQuery(query.limit ?? 10));
  }
}
