import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Payment } from '../../domain/payment';
import { PaymentRepository } from '../../persistence/payment.repository';
import { GetPaymentQuery } from './get-payment.query';

@QueryHandler(GetPaymentQuery)
export class GetPaymentHandler implements IQueryHandler<GetPaymentQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: PaymentRepository,
  ) {}

  execute({ orderId }: GetPaymentQuery): Promise<Payment | null> {
    return this.payments.find(this.dataSource.manager, orderId);
  }
}
