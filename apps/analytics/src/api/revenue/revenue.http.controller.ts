import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@platform/http';
import { QueryBus } from '@nestjs/cqrs';
import { RevenueQuery } from './revenue.request.dto';
import { RevenueResponse } from './revenue.response.dto';
import { ProblemResponse } from '@platform/http';
import { GetRevenueQuery } from './get-revenue.query';

@ApiTags('analytics')
@Controller('analytics')
export class RevenueHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('revenue')
  @ApiOperation({
    summary: 'Revenue per UTC day of confirmation and currency (confirmed orders, not cancelled)',
  })
  @ApiOkResponse({ type: RevenueResponse })
  @ApiBadRequestResponse({
    type: ProblemResponse,
    description: 'A malformed day, or from after to (problem+json, code REQUEST.INVALID)',
  })
  async get(@Query() query: RevenueQuery): Promise<RevenueResponse> {
    const { from, to } = query;
    // YYYY-MM-DD days compare correctly as strings
    if (from && to && from > to) {
      throw new ProblemException({
        status: 400,
        code: 'REQUEST.INVALID',
        detail: 'The request body or parameters are invalid.',
        errors: [{ field: 'to', problems: ['to must not be before from'] }],
      });
    }
    return this.queries.execute(new GetRevenueQuery(from, to));
  }
}
