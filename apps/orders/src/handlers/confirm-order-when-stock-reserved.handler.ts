import { Controller } from '@nestjs/common';
import { StockReservedV1Contract, type EventEnvelope, type StockReservedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ORDERS } from '../context';
import { SagaReplies } from '../saga/saga-replies';

/** Stock held: confirms the order once the payment is authorised too; after a cancellation, releases it again. */
@Controller()
export class ConfirmOrderWhenStockReserved {
  constructor(private readonly replies: SagaReplies) {}

  @OnEvent(ORDERS, StockReservedV1Contract)
  async handle(reply: EventEnvelope<StockReservedV1>, ctx: MessageContext): Promise<void> {
    await this.replies.apply(ctx, reply.payload.orderId, { type: 'StockReserved' });
  }
}
