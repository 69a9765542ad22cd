import { Controller } from '@nestjs/common';
import { PaymentDeclinedV1Contract, type EventEnvelope, type PaymentDeclinedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ORDERS } from '../context';
import { SagaReplies } from '../saga/saga-replies';

/** Payment refused: cancels a PENDING order (PAYMENT_DECLINED) and releases its stock. */
@Controller()
export class CancelOrderWhenPaymentDeclined {
  constructor(private readonly replies: SagaReplies) {}

  @OnEvent(ORDERS, PaymentDeclinedV1Contract)
  async handle(declined: EventEnvelope<PaymentDeclinedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, reason, detail } = declined.payload;
    await this.replies.apply(ctx, orderId, {
      type: 'PaymentDeclined',
      detail: detail ? `${reason}: ${detail}` : reason,
    });
  }
}
