import { Controller } from '@nestjs/common';
import { PaymentCapturedV1Contract, type EventEnvelope, type PaymentCapturedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ORDERS } from '../context';
import { SagaReplies } from '../saga/saga-replies';

/** Payments captured on dispatch: records it, so a later customer cancellation refunds instead of voiding. */
@Controller()
export class TrackPaymentWhenPaymentCaptured {
  constructor(private readonly replies: SagaReplies) {}

  @OnEvent(ORDERS, PaymentCapturedV1Contract)
  async handle(reply: EventEnvelope<PaymentCapturedV1>, ctx: MessageContext): Promise<void> {
    await this.replies.apply(ctx, reply.payload.orderId, { type: 'PaymentCaptured' });
  }
}
