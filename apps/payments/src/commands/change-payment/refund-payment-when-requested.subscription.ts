import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RefundPaymentV1Contract, type EventEnvelope, type RefundPaymentV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { ChangePaymentCommand } from './change-payment.command';
import { PAYMENTS } from '../../context';

/** payments.refund-payment.v1 -> payment-refunded when captured, payment-voided when only authorised. */
@Controller()
export class RefundPaymentWhenRequested {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(PAYMENTS, RefundPaymentV1Contract)
  async handle(command: EventEnvelope<RefundPaymentV1>, ctx: MessageContext): Promise<void> {
    const { orderId } = command.payload;
    orPermanentFailure(
      await this.commands.execute(new ChangePaymentCommand(orderId, 'refund-requested', ctx.origin())),
    );
  }
}
