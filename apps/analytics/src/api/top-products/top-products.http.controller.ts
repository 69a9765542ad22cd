import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { TopProductsQuery } from './top-products.request.dto';
import { TopProductsResponse } from './top-products.response.dto';
import { ProblemResponse } from '@platform/http';
import { GetTopProductsQuery } from './get-top-products.query';

@ApiTags('analytics')
@Controller('analytics')
export class TopProductsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('top-products')
  @ApiOperation({ summary: 'Best-selling products by units (confirmed orders, not cancelled)' })
  @ApiOkResponse({ type: TopProductsResponse })
  @ApiBadRequestResponse({
    type: ProblemResponse,
    description: 'limit outside 1..100 (problem+json, code REQUEST.INVALID)',
  })
  async get(@Query() query: TopProductsQuery): Promise<TopProductsResponse> {
    return this.queries.execute(new GetTopProductsQuery(query.limit ?? 10));
  }
}
