import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PaymentDeclinedV1Contract, type EventEnvelope, type PaymentDeclinedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { ORDERS } from '../../context';

/** Payment refused: cancels a PENDING order (PAYMENT_DECLINED) and releases its stock. */
@Controller()
export class CancelOrderWhenPaymentDeclined {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, PaymentDeclinedV1Contract)
  async handle(declined: EventEnvelope<PaymentDeclinedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, reason, detail } = declined.payload;
    await this.commands.execute(
      new ApplySagaReplyCommand(orderId, { type: 'PaymentDeclined', reason, detail }, ctx.origin()),
    );
  }
}
