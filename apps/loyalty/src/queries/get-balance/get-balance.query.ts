import { Query } from '@nestjs/cqrs';
import type { LoyaltyBalanceResponse } from './get-balance.response.dto';

/** A customer's balance and ledger, oldest entry first. */
export class GetBalanceQuery extends Query<LoyaltyBalanceResponse> {
  constructor(readonly customerId: string) {
    super();
  }
}
