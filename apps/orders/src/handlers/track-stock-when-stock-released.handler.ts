import { Controller } from '@nestjs/common';
import { StockReleasedV1Contract, type EventEnvelope, type StockReleasedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ORDERS } from '../context';
import { SagaReplies } from '../saga/saga-replies';

/** A compensation done: records that the stock is released. */
@Controller()
export class TrackStockWhenStockReleased {
  constructor(private readonly replies: SagaReplies) {}

  @OnEvent(ORDERS, StockReleasedV1Contract)
  async handle(reply: EventEnvelope<StockReleasedV1>, ctx: MessageContext): Promise<void> {
    await this.replies.apply(ctx, reply.payload.orderId, { type: 'StockReleased' });
  }
}
