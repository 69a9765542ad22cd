import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Refusal, type Refusable } from '@platform/domain';
import { OrderSagaStepper } from '../../saga/order-saga.stepper';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';

/**
 * One saga step in the consumer's transaction, caused by the reply. A reply for an order that
 * does not exist can never succeed (the order commits before its commands are published), so it
 * is refused, and the subscription dead-letters it at once.
 */
@CommandHandler(ApplySagaReplyCommand)
export class ApplySagaReplyHandler implements ICommandHandler<ApplySagaReplyCommand> {
  constructor(private readonly stepper: OrderSagaStepper) {}

  async execute({ orderId, input, origin }: ApplySagaReplyCommand): Promise<Refusable<void>> {
    const outcome = await this.stepper.step(origin.tx, origin.metadata, orderId, input);
    if (outcome.kind === 'unknown-order') {
      return Refusal.notFound('ORDER.UNKNOWN_ORDER', `${input.type} for an unknown order ${orderId}`);
    }
    if (outcome.kind === 'refused') return Refusal.conflict(outcome.code, outcome.detail);
  }
}
