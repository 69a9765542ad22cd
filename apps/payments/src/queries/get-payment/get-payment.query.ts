import { Query } from '@nestjs/cqrs';
import type { Payment } from '../../domain/payment';

/** An order's payment, or null when it has none. */
export class GetPaymentQuery extends Query<Payment | null> {
  constructor(readonly orderId: string) {
    super();
  }
}
