import { Controller } from '@nestjs/common';
import { Clock } from '@platform/config';
import { AuthorizePaymentV1Contract, type AuthorizePaymentV1, type EventEnvelope } from '@platform/events';
import { MessageContext, OnEvent, PermanentFailure } from '@platform/messaging';
import { PAYMENTS } from '../context';
import { authorizingPayment } from '../domain/payment';
import { refuseTerms } from '../domain/payment-request-validation';
import { PaymentRepository } from '../persistence/payment.repository';
import { PaymentWorkflow } from './payment-workflow';

/**
 * payments.authorize-payment.v1 -> payment-authorized or payment-declined. The payment row is
 * recorded (or found) and locked before the processor is called, so a repeated command, even
 * with a new eventId, re-publishes the outcome instead of charging again.
 */
@Controller()
export class AuthorizePaymentWhenRequested {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly workflow: PaymentWorkflow,
    private readonly clock: Clock,
  ) {}

  @OnEvent(PAYMENTS, AuthorizePaymentV1Contract)
  async handle(command: EventEnvelope<AuthorizePaymentV1>, ctx: MessageContext): Promise<void> {
    const { paymentToken, ...terms } = command.payload;
    const refusal = refuseTerms(terms);
    if (refusal) throw new PermanentFailure(refusal.code, refusal.message);
    await this.payments.insertIfAbsent(ctx.tx.manager, authorizingPayment(terms, this.clock.now()));
    const payment = await this.payments.lock(ctx.tx.manager, terms.orderId);
    await this.workflow.run(ctx, payment, { kind: 'authorize-requested', terms, paymentToken });
  }
}
