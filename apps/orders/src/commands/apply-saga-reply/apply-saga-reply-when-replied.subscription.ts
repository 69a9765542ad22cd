import type { Type } from '@nestjs/common';
import { orPermanentFailure, subscriptionsPerContract } from '@platform/messaging';
import { ORDERS } from '../../context';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { SAGA_REPLIES, type OrderReply } from './saga-replies';

/**
 * The event adapter of every saga reply: a subscription per row of SAGA_REPLIES (consumer group
 * `orders`, the reply's topic), each translating its reply into ApplySagaReplyCommand.
 */
export const SAGA_REPLY_SUBSCRIPTIONS: readonly Type[] = subscriptionsPerContract(
  ORDERS,
  SAGA_REPLIES,
  async (commands, reply, event, ctx) => {
    const payload = event.payload as OrderReply;
    const command = new ApplySagaReplyCommand(payload.orderId, reply.toSagaInput(payload), ctx.origin());
    orPermanentFailure(await commands.execute(command));
  },
);
