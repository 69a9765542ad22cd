import { Controller, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventEnvelope } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { ORDERS } from '../../context';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { SAGA_REPLIES, type OrderReply, type SagaReply } from './saga-replies';

/**
 * The event adapter of every saga reply: a class per row of SAGA_REPLIES, so each reply stays a
 * subscription of its own (consumer group `orders`, the reply's topic), retried and dead-lettered
 * on its own, while the translation (reply in, ApplySagaReplyCommand out) is written once.
 */
export function applySagaReplyWhen(reply: SagaReply): Type {
  @Controller()
  class ApplySagaReplySubscription {
    constructor(private readonly commands: CommandBus) {}

    @OnEvent(ORDERS, reply.contract)
    async handle(event: EventEnvelope<OrderReply>, ctx: MessageContext): Promise<void> {
      const { orderId } = event.payload;
      const command = new ApplySagaReplyCommand(orderId, reply.toSagaInput(event.payload), ctx.origin());
      orPermanentFailure(await this.commands.execute(command));
    }
  }
  return ApplySagaReplySubscription;
}

export const SAGA_REPLY_SUBSCRIPTIONS: readonly Type[] = SAGA_REPLIES.map(applySagaReplyWhen);
