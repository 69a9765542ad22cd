import { authorizationIdOf, termsOf, type DeclineReason, type Payment } from './payment';

/**
 * What the state machine announces, as plain data. The handlers map each one onto its
 * payments.*.v1 contract; the domain does not know about envelopes or the outbox.
 */
export type PaymentEvent =
  | {
      readonly type: 'payment-authorized';
      readonly orderId: string;
      readonly authorizationId: string;
      readonly amountMinor: number;
      readonly currency: string;
    }
  | {
      readonly type: 'payment-declined';
      readonly orderId: string;
      readonly reason: DeclineReason;
      readonly detail: string;
    }
  | { readonly type: 'payment-voided'; readonly orderId: string; readonly authorizationId: string }
  | {
      readonly type: 'payment-captured';
      readonly orderId: string;
      readonly amountMinor: number;
      readonly currency: string;
    }
  | {
      readonly type: 'payment-refunded';
      readonly orderId: string;
      readonly amountMinor: number;
      readonly currency: string;
    };

export function authorizedEvent(payment: Payment): PaymentEvent {
  const { amountMinor, currency } = termsOf(payment);
  const authorizationId = authorizationIdOf(payment);
  return { type: 'payment-authorized', orderId: payment.orderId, authorizationId, amountMinor, currency };
}

export function declinedEvent(payment: Payment): PaymentEvent {
  if (!payment.decline) throw new Error(`payment ${payment.orderId} (${payment.status}) has no decline`);
  return { type: 'payment-declined', orderId: payment.orderId, ...payment.decline };
}

export function voidedEvent(payment: Payment): PaymentEvent {
  return { type: 'payment-voided', orderId: payment.orderId, authorizationId: authorizationIdOf(payment) };
}

export function settledEvent(type: 'payment-captured' | 'payment-refunded', payment: Payment): PaymentEvent {
  const { amountMinor, currency } = termsOf(payment);
  return { type, orderId: payment.orderId, amountMinor, currency };
}
