import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { VoidPaymentV1Contract, type EventEnvelope, type VoidPaymentV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { ChangePaymentCommand } from './change-payment.command';
import { PAYMENTS } from '../../context';

/**
 * payments.void-payment.v1 -> payment-voided when an authorisation is released. A void that
 * comes before its authorisation leaves a tombstone, and the late authorisation is voided at once.
 */
@Controller()
export class VoidPaymentWhenRequested {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(PAYMENTS, VoidPaymentV1Contract)
  async handle(command: EventEnvelope<VoidPaymentV1>, ctx: MessageContext): Promise<void> {
    const { orderId } = command.payload;
    orPermanentFailure(await this.commands.execute(new ChangePaymentCommand(orderId, 'void-requested', ctx.origin())));
  }
}
