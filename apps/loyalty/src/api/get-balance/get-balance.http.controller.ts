import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { LedgerRepository } from '../../persistence/ledger.repository';
import { GetBalanceParams } from './get-balance.request.dto';
import { LoyaltyBalanceResponse } from './get-balance.response.dto';
import { ProblemResponse } from '@platform/http';

@ApiTags('loyalty')
@Controller('loyalty')
export class GetBalanceHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
  ) {}

  @Get(':customerId')
  @ApiOperation({ summary: "A customer's points balance and ledger (an unknown customer has 0 and no entries)" })
  @ApiOkResponse({ type: LoyaltyBalanceResponse })
  @ApiBadRequestResponse({
    type: ProblemResponse,
    description: 'Malformed customer id (problem+json, code REQUEST.INVALID)',
  })
  async get(@Param() params: GetBalanceParams): Promise<LoyaltyBalanceResponse> {
    const { balance, entries } = await this.ledger.customerLedger(this.dataSource.manager, params.customerId);
    return {
      customerId: params.customerId,
      balance,
      ledger: entries.map((e) => ({ orderId: e.orderId, kind: e.kind, points: e.points, at: e.at.toISOString() })),
    };
  }
}
