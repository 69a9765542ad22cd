import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PaymentWorkflow } from '../payment-workflow';
import { ChangePaymentCommand } from './change-payment.command';

@CommandHandler(ChangePaymentCommand)
export class ChangePaymentHandler implements ICommandHandler<ChangePaymentCommand> {
  constructor(private readonly workflow: PaymentWorkflow) {}

  async execute({ orderId, change, origin }: ChangePaymentCommand): Promise<void> {
    await this.workflow.request(origin, orderId, { kind: change, orderId });
  }
}
