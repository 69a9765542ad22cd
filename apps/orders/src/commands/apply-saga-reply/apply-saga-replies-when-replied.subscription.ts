import type { Type } from '@nestjs/common';
import { orPermanentFailure, setSubscriptionsPerContract } from '@platform/messaging';
import { ORDERS } from '../../context';
import { ApplySagaRepliesCommand } from './apply-saga-replies.command';
import { SAGA_REPLIES, type OrderReply } from './saga-replies';

/**
 * The event adapter of every saga reply: a set subscription per row of SAGA_REPLIES (consumer
 * group `orders`, the reply's topic), each translating the replies of a consumer transaction into
 * one ApplySagaRepliesCommand, each reply caused by its own event.
 */
export const SAGA_REPLY_SUBSCRIPTIONS: readonly Type[] = setSubscriptionsPerContract(
  ORDERS,
  SAGA_REPLIES,
  async (commands, reply, events, ctx) => {
    const replies = events.map((event, index) => {
      const payload = event.payload as OrderReply;
      return {
        orderId: payload.orderId,
        input: reply.toSagaInput(payload),
        metadata: ctx.records[index].causedMetadata(),
      };
    });
    orPermanentFailure(await commands.execute(new ApplySagaRepliesCommand(replies, ctx.tx)));
  },
);
