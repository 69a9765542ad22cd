import { Command } from '@nestjs/cqrs';
import type { StepOutcome } from '../../saga/order-saga.stepper';

/** The customer cancels: one saga step, in a transaction of its own. */
export class CancelOrderCommand extends Command<StepOutcome> {
  constructor(
    readonly orderId: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
