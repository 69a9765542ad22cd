import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PaymentVoidedV1Contract, type EventEnvelope, type PaymentVoidedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { ORDERS } from '../../context';

/** A compensation done: records that the authorisation is voided. */
@Controller()
export class TrackPaymentWhenPaymentVoided {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, PaymentVoidedV1Contract)
  async handle(reply: EventEnvelope<PaymentVoidedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(
      new ApplySagaReplyCommand(reply.payload.orderId, { type: 'PaymentVoided' }, ctx.origin()),
    );
  }
}
