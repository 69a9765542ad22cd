import { Command } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import type { MessageOrigin } from '@platform/messaging';

/** What can be asked of an existing payment, in the state machine's words. */
export type PaymentChange = 'capture-requested' | 'void-requested' | 'refund-requested';

/**
 * Capture, void or refund an order's payment, whatever state it is in (the state machine decides
 * what that means). Sent by the consumer pipeline, so it runs in that transaction.
 */
export class ChangePaymentCommand extends Command<Refusable<void>> {
  constructor(
    readonly orderId: string,
    readonly change: PaymentChange,
    readonly origin: MessageOrigin,
  ) {
    super();
  }
}
