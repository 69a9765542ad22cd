import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { GetBalanceQuery } from './get-balance.query';
import { GetBalanceParams } from './get-balance.request.dto';
import { LoyaltyBalanceResponse } from './get-balance.response.dto';
import { ProblemResponse } from '@platform/http';

@ApiTags('loyalty')
@Controller('loyalty')
export class GetBalanceHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':customerId')
  @ApiOperation({ summary: "A customer's points balance and ledger (an unknown customer has 0 and no entries)" })
  @ApiOkResponse({ type: LoyaltyBalanceResponse })
  @ApiBadRequestResponse({
    type: ProblemResponse,
    description: 'Malformed customer id (problem+json, code REQUEST.INVALID)',
  })
  async get(@Param() params: GetBalanceParams): Promise<LoyaltyBalanceResponse> {
    return this.queries.execute(new GetBalanceQuery(params.customerId));
  }
}
