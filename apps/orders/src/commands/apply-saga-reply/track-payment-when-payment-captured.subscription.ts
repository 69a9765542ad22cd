import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PaymentCapturedV1Contract, type EventEnvelope, type PaymentCapturedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { ORDERS } from '../../context';

/** Payments captured on dispatch: records it, so a later customer cancellation refunds instead of voiding. */
@Controller()
export class TrackPaymentWhenPaymentCaptured {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, PaymentCapturedV1Contract)
  async handle(reply: EventEnvelope<PaymentCapturedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(
      new ApplySagaReplyCommand(reply.payload.orderId, { type: 'PaymentCaptured' }, ctx.origin()),
    );
  }
}
