import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import { asRefusal, refuseOrderId } from '../../domain/payment-request-validation';
import { PaymentWorkflow } from '../payment-workflow';
import { ChangePaymentCommand } from './change-payment.command';

/**
 * A malformed order id is refused here, as a command's refusal the subscription dead-letters;
 * the workflow then locks the payment and runs the change through the state machine.
 */
@CommandHandler(ChangePaymentCommand)
export class ChangePaymentHandler implements ICommandHandler<ChangePaymentCommand> {
  constructor(private readonly workflow: PaymentWorkflow) {}

  async execute({ orderId, change, origin }: ChangePaymentCommand): Promise<Refusable<void>> {
    const refusal = refuseOrderId(orderId);
    if (refusal) return asRefusal(refusal);
    await this.workflow.request(origin, orderId, { kind: change, orderId });
  }
}
