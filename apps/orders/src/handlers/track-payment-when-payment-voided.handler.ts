import { Controller } from '@nestjs/common';
import { PaymentVoidedV1Contract, type EventEnvelope, type PaymentVoidedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ORDERS } from '../context';
import { SagaReplies } from '../saga/saga-replies';

/** A compensation done: records that the authorisation is voided. */
@Controller()
export class TrackPaymentWhenPaymentVoided {
  constructor(private readonly replies: SagaReplies) {}

  @OnEvent(ORDERS, PaymentVoidedV1Contract)
  async handle(reply: EventEnvelope<PaymentVoidedV1>, ctx: MessageContext): Promise<void> {
    await this.replies.apply(ctx, reply.payload.orderId, { type: 'PaymentVoided' });
  }
}
