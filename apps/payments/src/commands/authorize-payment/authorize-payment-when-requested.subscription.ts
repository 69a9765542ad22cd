import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AuthorizePaymentV1Contract, type AuthorizePaymentV1, type EventEnvelope } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { AuthorizePaymentCommand } from './authorize-payment.command';
import { PAYMENTS } from '../../context';

/** payments.authorize-payment.v1 -> payment-authorized or payment-declined, charged at most once. */
@Controller()
export class AuthorizePaymentWhenRequested {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(PAYMENTS, AuthorizePaymentV1Contract)
  async handle(command: EventEnvelope<AuthorizePaymentV1>, ctx: MessageContext): Promise<void> {
    const { paymentToken, ...terms } = command.payload;
    orPermanentFailure(await this.commands.execute(new AuthorizePaymentCommand(terms, paymentToken, ctx.origin())));
  }
}
