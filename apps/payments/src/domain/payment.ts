/**
 * A payment: one per order, keyed by orderId, so whatever is redelivered an order is charged at
 * most once. A void that arrives before any authorisation leaves a tombstone (VOIDED, no terms,
 * no authorisation) so a late authorisation is released at once instead of holding money.
 */
export const PAYMENT_STATUSES = ['AUTHORIZING', 'AUTHORIZED', 'DECLINED', 'VOIDED', 'CAPTURED', 'REFUNDED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Why an authorisation was refused (payment-declined.v1 `reason`). */
export const DECLINE_REASONS = ['DECLINED', 'TIMEOUT', 'PROCESSOR_UNAVAILABLE'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** What the saga asked to authorise. */
export interface PaymentTerms {
  readonly orderId: string;
  readonly customerId: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface Decline {
  readonly reason: DeclineReason;
  readonly detail: string;
}

export interface Payment {
  readonly orderId: string;
  /** null only on a void tombstone: nothing was ever asked to be authorised */
  readonly terms: PaymentTerms | null;
  readonly status: PaymentStatus;
  readonly authorizationId: string | null;
  /** set when DECLINED */
  readonly decline: Decline | null;
  /** a void (or refund) came before the authorisation finished: release it as soon as it exists */
  readonly voidRequested: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A payment about to be authorised, as first recorded (before the processor is called). */
export function authorizingPayment(terms: PaymentTerms, now: Date): Payment {
  return {
    orderId: terms.orderId,
    terms,
    status: 'AUTHORIZING',
    authorizationId: null,
    decline: null,
    voidRequested: false,
    createdAt: now,
    updatedAt: now,
  };
}

/** Voided before anything was authorised: remembers the void for a late authorisation. */
export function voidTombstone(orderId: string, now: Date): Payment {
  return {
    orderId,
    terms: null,
    status: 'VOIDED',
    authorizationId: null,
    decline: null,
    voidRequested: true,
    createdAt: now,
    updatedAt: now,
  };
}

export function isTombstone(payment: Payment): boolean {
  return payment.status === 'VOIDED' && payment.authorizationId === null;
}

// Invariants of the state machine: breaking one is a bug, not a business outcome.
export function termsOf(payment: Payment): PaymentTerms {
  if (!payment.terms) throw new Error(`payment ${payment.orderId} (${payment.status}) has no terms`);
  return payment.terms;
}

export function authorizationIdOf(payment: Payment): string {
  if (!payment.authorizationId) throw new Error(`payment ${payment.orderId} (${payment.status}) has no authorisation`);
  return payment.authorizationId;
}
