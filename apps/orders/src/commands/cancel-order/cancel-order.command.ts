import { Command } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import type { OrderSagaState } from '../../domain/order-saga.types';

/** The customer cancels: one saga step, in a transaction of its own. Answers where the order stands then. */
export class CancelOrderCommand extends Command<Refusable<OrderSagaState>> {
  constructor(
    readonly orderId: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
