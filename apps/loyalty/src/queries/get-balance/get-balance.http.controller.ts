import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { GetBalanceQuery } from './get-balance.query';
import { GetBalanceParams } from './get-balance.request.dto';
import { LoyaltyBalanceResponse } from './get-balance.response.dto';
import { ApiProblem, invalidRequest } from '@platform/http';

@ApiTags('loyalty')
@Controller('loyalty')
export class GetBalanceHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':customerId')
  @ApiOperation({ summary: "A customer's points balance and ledger (an unknown customer has 0 and no entries)" })
  @ApiOkResponse({ type: LoyaltyBalanceResponse })
  @ApiProblem(
    400,
    'Malformed customer id',
    invalidRequest('customerId', 'customerId must be 1-128 characters of A-Z a-z 0-9 . _ : @ -'),
  )
  async get(@Param() params: GetBalanceParams): Promise<LoyaltyBalanceResponse> {
    return this.queries.execute(new GetBalanceQuery(params.customerId));
  }
}
