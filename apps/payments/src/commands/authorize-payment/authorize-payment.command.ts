import { Command } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import type { MessageOrigin } from '@platform/messaging';
import type { PaymentTerms } from '../../domain/payment';

/** Authorise an order's payment, at most once. Sent by the consumer pipeline, so it runs in that transaction. */
export class AuthorizePaymentCommand extends Command<Refusable<void>> {
  constructor(
    readonly terms: PaymentTerms,
    readonly paymentToken: string,
    readonly origin: MessageOrigin,
  ) {
    super();
  }
}
