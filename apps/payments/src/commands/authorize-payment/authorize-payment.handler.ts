import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, type Refusable } from '@platform/domain';
import { authorizingPayment } from '../../domain/payment';
import { asRefusal, refuseTerms } from '../../domain/payment-request-validation';
import { PaymentRepository } from '../../persistence/payment.repository';
import { PaymentWorkflow } from '../payment-workflow';
import { AuthorizePaymentCommand } from './authorize-payment.command';

/**
 * The payment row is recorded (or found) and locked before the processor is called, so a
 * repeated request, even with a new eventId, re-publishes the outcome instead of charging again.
 */
@CommandHandler(AuthorizePaymentCommand)
export class AuthorizePaymentHandler implements ICommandHandler<AuthorizePaymentCommand> {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly workflow: PaymentWorkflow,
    private readonly clock: Clock,
  ) {}

  async execute({ terms, paymentToken, origin }: AuthorizePaymentCommand): Promise<Refusable<void>> {
    const refusal = refuseTerms(terms);
    if (refusal) return asRefusal(refusal);
    await this.payments.insertIfAbsent(origin.tx.manager, authorizingPayment(terms, this.clock.now()));
    const payment = await this.payments.lock(origin.tx.manager, terms.orderId);
    await this.workflow.run(origin, payment, { kind: 'authorize-requested', terms, paymentToken });
  }
}
