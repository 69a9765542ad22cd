import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionRunner } from '@platform/database';
import { OrderSagaStepper, type StepOutcome } from '../../saga/order-saga.stepper';
import { CancelOrderCommand } from './cancel-order.command';

@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand> {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly saga: OrderSagaStepper,
  ) {}

  execute({ orderId, correlationId }: CancelOrderCommand): Promise<StepOutcome> {
    return this.transactions.run((tx) => this.saga.step(tx, { correlationId }, orderId, { type: 'CustomerCancelled' }));
  }
}
