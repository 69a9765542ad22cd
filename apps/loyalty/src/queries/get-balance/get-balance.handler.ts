import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { LedgerRepository } from '../../persistence/ledger.repository';
import { GetBalanceQuery } from './get-balance.query';
import type { LoyaltyBalanceResponse } from './get-balance.response.dto';

@QueryHandler(GetBalanceQuery)
export class GetBalanceHandler implements IQueryHandler<GetBalanceQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
  ) {}

  async execute({ customerId }: GetBalanceQuery): Promise<LoyaltyBalanceResponse> {
    const { balance, entries } = await this.ledger.customerLedger(this.dataSource.manager, customerId);
    return {
      customerId,
      balance,
      ledger: entries.map((e) => ({ orderId: e.orderId, kind: e.kind, points: e.points, at: e.at.toISOString() })),
    };
  }
}
