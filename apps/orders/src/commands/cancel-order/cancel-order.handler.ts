import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionRunner } from '@platform/database';
import { Refusal, type Refusable } from '@platform/domain';
import type { OrderSagaState } from '../../domain/order-saga.types';
import { OrderSagaStepper } from '../../saga/order-saga.stepper';
import { CancelOrderCommand } from './cancel-order.command';

@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand> {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly saga: OrderSagaStepper,
  ) {}

  async execute({ orderId, correlationId }: CancelOrderCommand): Promise<Refusable<OrderSagaState>> {
    const cancel = { type: 'CustomerCancelled' } as const;
    const outcome = await this.transactions.run((tx) => this.saga.step(tx, { correlationId }, orderId, cancel));
    switch (outcome.kind) {
      case 'applied':
        return outcome.state;
      case 'unknown-order':
        return Refusal.notFound('ORDER.NOT_FOUND', `There is no order ${orderId}.`);
      case 'refused':
        return Refusal.conflict(outcome.code, outcome.detail);
    }
  }
}
