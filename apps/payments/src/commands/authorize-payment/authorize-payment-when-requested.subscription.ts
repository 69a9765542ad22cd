import { Controller } from '@nestjs/common';
import { AuthorizePaymentV1Contract, type AuthorizePaymentV1, type EventEnvelope } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { PAYMENTS } from '../../context';
import { AuthorizePayments } from './authorize-payments';

/** payments.authorize-payment.v1 -> payment-authorized or payment-declined, charged at most once; a set at a time. */
@Controller()
export class AuthorizePaymentWhenRequested {
  constructor(private readonly payments: AuthorizePayments) {}

  @OnEvents(PAYMENTS, AuthorizePaymentV1Contract)
  async handle(commands: ReadonlyArray<EventEnvelope<AuthorizePaymentV1>>, set: MessageSetContext): Promise<void> {
    await this.payments.authorize(
      commands.map((command) => command.payload),
      set,
    );
  }
}
