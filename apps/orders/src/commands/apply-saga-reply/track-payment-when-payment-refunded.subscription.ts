import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PaymentRefundedV1Contract, type EventEnvelope, type PaymentRefundedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { ORDERS } from '../../context';

/** A compensation done: records that the payment is refunded. */
@Controller()
export class TrackPaymentWhenPaymentRefunded {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, PaymentRefundedV1Contract)
  async handle(reply: EventEnvelope<PaymentRefundedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(
      new ApplySagaReplyCommand(reply.payload.orderId, { type: 'PaymentRefunded' }, ctx.origin()),
    );
  }
}
