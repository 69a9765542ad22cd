import type { DeclineReason } from './payment';

/**
 * The port to a card processor. The idempotency key is the orderId: a second authorize with the
 * same key returns the first answer and holds nothing more, so even a crash between the
 * processor's answer and our commit cannot authorise twice.
 */
export interface PaymentProcessor {
  authorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  capture(request: SettleRequest): Promise<void>;
  void(request: SettleRequest): Promise<void>;
  refund(request: SettleRequest): Promise<void>;
}

export interface AuthorizeRequest {
  readonly orderId: string;
  readonly paymentToken: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly idempotencyKey: string;
}

/** capture, void and refund act on an existing authorisation */
export interface SettleRequest {
  readonly orderId: string;
  readonly authorizationId: string;
  readonly amountMinor: number;
}

export type AuthorizeResult =
  | { readonly outcome: 'authorized'; readonly authorizationId: string }
  | { readonly outcome: 'declined'; readonly reason: DeclineReason; readonly detail: string };

/**
 * The processor could not answer now but may later (5xx, connection reset, a timeout on an
 * operation that is safe to repeat). Thrown, so the consumer pipeline retries the whole
 * transaction with backoff; idempotency keys make the repeat harmless.
 */
export class ProcessorUnavailableError extends Error {
  readonly code = 'PAYMENTS.PROCESSOR_UNAVAILABLE';

  constructor(message: string) {
    super(message);
    this.name = 'ProcessorUnavailableError';
  }
}
