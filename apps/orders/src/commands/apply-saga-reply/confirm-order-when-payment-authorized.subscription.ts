import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PaymentAuthorizedV1Contract, type EventEnvelope, type PaymentAuthorizedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { ORDERS } from '../../context';

/** Payment authorised: confirms the order once the stock is reserved too; after a cancellation, voids it again. */
@Controller()
export class ConfirmOrderWhenPaymentAuthorized {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, PaymentAuthorizedV1Contract)
  async handle(reply: EventEnvelope<PaymentAuthorizedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(
      new ApplySagaReplyCommand(reply.payload.orderId, { type: 'PaymentAuthorized' }, ctx.origin()),
    );
  }
}
