import { Controller } from '@nestjs/common';
import { RefundPaymentV1Contract, type EventEnvelope, type RefundPaymentV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { PAYMENTS } from '../context';
import { PaymentWorkflow } from './payment-workflow';

/** payments.refund-payment.v1 -> payment-refunded when captured, payment-voided when only authorised. */
@Controller()
export class RefundPaymentWhenRequested {
  constructor(private readonly workflow: PaymentWorkflow) {}

  @OnEvent(PAYMENTS, RefundPaymentV1Contract)
  async handle(command: EventEnvelope<RefundPaymentV1>, ctx: MessageContext): Promise<void> {
    const { orderId } = command.payload;
    await this.workflow.request(ctx, orderId, { kind: 'refund-requested', orderId });
  }
}
