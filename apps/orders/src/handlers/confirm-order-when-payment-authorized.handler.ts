import { Controller } from '@nestjs/common';
import { PaymentAuthorizedV1Contract, type EventEnvelope, type PaymentAuthorizedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ORDERS } from '../context';
import { SagaReplies } from '../saga/saga-replies';

/** Payment authorised: confirms the order once the stock is reserved too; after a cancellation, voids it again. */
@Controller()
export class ConfirmOrderWhenPaymentAuthorized {
  constructor(private readonly replies: SagaReplies) {}

  @OnEvent(ORDERS, PaymentAuthorizedV1Contract)
  async handle(reply: EventEnvelope<PaymentAuthorizedV1>, ctx: MessageContext): Promise<void> {
    await this.replies.apply(ctx, reply.payload.orderId, { type: 'PaymentAuthorized' });
  }
}
