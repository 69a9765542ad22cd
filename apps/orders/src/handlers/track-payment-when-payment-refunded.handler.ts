import { Controller } from '@nestjs/common';
import { PaymentRefundedV1Contract, type EventEnvelope, type PaymentRefundedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ORDERS } from '../context';
import { SagaReplies } from '../saga/saga-replies';

/** A compensation done: records that the payment is refunded. */
@Controller()
export class TrackPaymentWhenPaymentRefunded {
  constructor(private readonly replies: SagaReplies) {}

  @OnEvent(ORDERS, PaymentRefundedV1Contract)
  async handle(reply: EventEnvelope<PaymentRefundedV1>, ctx: MessageContext): Promise<void> {
    await this.replies.apply(ctx, reply.payload.orderId, { type: 'PaymentRefunded' });
  }
}
