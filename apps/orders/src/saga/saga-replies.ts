import { Injectable } from '@nestjs/common';
import { PermanentFailure, type MessageContext } from '@platform/messaging';
import type { SagaInput } from '../domain/order-saga.types';
import { OrderSagaStepper } from './order-saga.stepper';

/**
 * What every reply handler does with its translated input: one saga step in the consumer's
 * transaction, caused by the reply. A reply for an order that does not exist can never succeed
 * (the order commits before its commands are published), so it is dead-lettered at once.
 */
@Injectable()
export class SagaReplies {
  constructor(private readonly stepper: OrderSagaStepper) {}

  async apply(ctx: MessageContext, orderId: string, input: SagaInput): Promise<void> {
    const outcome = await this.stepper.step(ctx.tx, ctx.causedMetadata(), orderId, input);
    if (outcome.kind === 'unknown-order') {
      throw new PermanentFailure('ORDER.UNKNOWN_ORDER', `${input.type} for an unknown order ${orderId}`);
    }
    if (outcome.kind === 'refused') throw new PermanentFailure(outcome.code, outcome.detail);
  }
}
