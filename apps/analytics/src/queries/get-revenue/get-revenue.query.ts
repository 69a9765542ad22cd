import { Query } from '@nestjs/cqrs';
import type { RevenueResponse } from './get-revenue.response.dto';

/** Revenue per UTC day of confirmation and currency, between two days (inclusive, either open). */
export class GetRevenueQuery extends Query<RevenueResponse> {
  constructor(
    readonly from: string | undefined,
    readonly to: string | undefined,
  ) {
    super();
  }
}
