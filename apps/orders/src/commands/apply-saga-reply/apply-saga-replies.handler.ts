import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, Refusal, type Refusable } from '@platform/domain';
import { OrderSagaSetStepper } from '../../saga/order-saga-set.stepper';
import { ApplySagaRepliesCommand } from './apply-saga-replies.command';

/**
 * The set's saga steps in the consumer's transaction. A reply for an order that does not exist can
 * never succeed (the order commits before its commands are published), so it is refused, and the
 * subscription dead-letters it at once (in a set of several, the set runs apart first, so only
 * that reply is).
 */
@CommandHandler(ApplySagaRepliesCommand)
export class ApplySagaRepliesHandler implements ICommandHandler<ApplySagaRepliesCommand> {
  constructor(
    private readonly steps: OrderSagaSetStepper,
    private readonly clock: Clock,
  ) {}

  async execute({ replies, tx }: ApplySagaRepliesCommand): Promise<Refusable<void>> {
    const outcome = await this.steps.stepAll(tx, replies, this.clock.now());
    if (outcome.kind === 'unknown-order') {
      const { orderId, input } = replies[outcome.index];
      return Refusal.notFound('ORDER.UNKNOWN_ORDER', `${input.type} for an unknown order ${orderId}`);
    }
    if (outcome.kind === 'refused') return Refusal.conflict(outcome.code, outcome.detail);
  }
}
