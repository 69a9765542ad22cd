import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, invalidRequest, ProblemException } from '@platform/http';
import { QueryBus } from '@nestjs/cqrs';
import { RevenueQuery } from './get-revenue.request.dto';
import { RevenueResponse } from './get-revenue.response.dto';
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
  @ApiProblem(
    400,
    'A malformed day, or from after to',
    invalidRequest('from', 'from must be a day, YYYY-MM-DD'),
    invalidRequest('to', 'to must not be before from', 'to before from'),
  )
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
