import { unreachable } from '@platform/domain';
import {
  authorizationIdOf,
  authorizingPayment,
  isTombstone,
  termsOf,
  voidTombstone,
  type DeclineReason,
  type Payment,
  type PaymentStatus,
  type PaymentTerms,
} from './payment';
import { authorizedEvent, declinedEvent, settledEvent, voidedEvent, type PaymentEvent } from './payment-events';

/**
 * The payment state machine: state + input -> new state + events + the one processor call to
 * make next. The handler makes that call and feeds its answer back in as the next input, all in
 * one transaction, so a crash anywhere commits nothing and the redelivery starts over (the
 * processor's idempotency key, the orderId, makes that harmless).
 *
 * Requests may come twice (a redelivered command with a new eventId) or out of order (a void
 * before its authorisation): every transition is idempotent in effect, and an authorisation that
 * arrives after a void is released at once, so money is never left held.
 */
export type PaymentInput =
  | { readonly kind: 'authorize-requested'; readonly terms: PaymentTerms; readonly paymentToken: string }
  | { readonly kind: 'void-requested'; readonly orderId: string }
  | { readonly kind: 'refund-requested'; readonly orderId: string }
  | { readonly kind: 'capture-requested'; readonly orderId: string }
  | ProcessorAnswer;

/** the processor's answer to the last action, fed back in */
export type ProcessorAnswer =
  | { readonly kind: 'processor-authorized'; readonly authorizationId: string }
  | { readonly kind: 'processor-declined'; readonly reason: DeclineReason; readonly detail: string }
  | { readonly kind: 'processor-voided' }
  | { readonly kind: 'processor-captured' }
  | { readonly kind: 'processor-refunded' };

export type ProcessorAction =
  | {
      readonly op: 'authorize';
      readonly orderId: string;
      readonly paymentToken: string;
      readonly amountMinor: number;
      readonly currency: string;
      readonly idempotencyKey: string;
    }
  | {
      readonly op: 'void' | 'capture' | 'refund';
      readonly orderId: string;
      readonly authorizationId: string;
      readonly amountMinor: number;
    };

export interface Step {
  /** the state after this input; null while nothing is recorded for the order */
  readonly payment: Payment | null;
  readonly events: readonly PaymentEvent[];
  /** the processor call to make next; its answer is the next input */
  readonly action: ProcessorAction | null;
  /** set when the input changes nothing: why (the handler logs it) */
  readonly ignored?: string;
}

export function transition(payment: Payment | null, input: PaymentInput, now: Date): Step {
  switch (input.kind) {
    case 'authorize-requested':
      return onAuthorizeRequested(payment, input.terms, input.paymentToken, now);
    case 'void-requested':
      return onVoidRequested(payment, input.orderId, now);
    case 'refund-requested':
      return onRefundRequested(payment, now);
    case 'capture-requested':
      return payment?.status === 'AUTHORIZED'
        ? act(payment, settle('capture', payment))
        : ignore(payment, `shipment dispatched but payment is ${describe(payment)}: nothing captured`);
    default:
      if (!payment) throw new Error(`${input.kind} without a payment`);
      return onProcessorAnswer(payment, input, now);
  }
}

function onAuthorizeRequested(payment: Payment | null, terms: PaymentTerms, paymentToken: string, now: Date): Step {
  if (payment === null) return authorize(authorizingPayment(terms, now), paymentToken);
  if (payment.status === 'AUTHORIZING') return authorize(payment, paymentToken);
  // the void came first (reordered or late): authorise, then release it at once
  if (isTombstone(payment)) {
    return authorize({ ...payment, terms, status: 'AUTHORIZING', voidRequested: true, updatedAt: now }, paymentToken);
  }
  // a repeated command: answer again with the outcome we already have, without the processor
  if (payment.status === 'AUTHORIZED') return { payment, events: [authorizedEvent(payment)], action: null };
  if (payment.status === 'DECLINED') return { payment, events: [declinedEvent(payment)], action: null };
  return ignore(payment, `authorisation requested again but payment is ${describe(payment)}`);
}

function onVoidRequested(payment: Payment | null, orderId: string, now: Date): Step {
  if (payment === null) return { payment: voidTombstone(orderId, now), events: [], action: null };
  switch (payment.status) {
    case 'AUTHORIZING':
      return { payment: { ...payment, voidRequested: true, updatedAt: now }, events: [], action: null };
    case 'AUTHORIZED':
      return act(payment, settle('void', payment));
    case 'VOIDED':
      return isTombstone(payment)
        ? ignore(payment, 'void already recorded; nothing authorised yet')
        : { payment, events: [voidedEvent(payment)], action: null };
    case 'DECLINED':
    case 'CAPTURED':
    case 'REFUNDED':
      return ignore(payment, `void requested but payment is ${describe(payment)}`);
    default:
      return unreachable(payment.status);
  }
}

function onRefundRequested(payment: Payment | null, now: Date): Step {
  switch (payment?.status) {
    case 'CAPTURED':
      return act(payment, settle('refund', payment));
    // not captured yet: releasing the hold gives the money back
    case 'AUTHORIZED':
      return act(payment, settle('void', payment));
    case 'AUTHORIZING':
      return { payment: { ...payment, voidRequested: true, updatedAt: now }, events: [], action: null };
    default:
      return ignore(payment, `refund requested but payment is ${describe(payment)}: nothing to refund`);
  }
}

function onProcessorAnswer(payment: Payment, answer: ProcessorAnswer, now: Date): Step {
  switch (answer.kind) {
    case 'processor-authorized': {
      const authorized = moveTo(payment, 'AUTHORIZING', 'AUTHORIZED', now, { authorizationId: answer.authorizationId });
      const action = payment.voidRequested ? settle('void', authorized) : null;
      return { payment: authorized, events: [authorizedEvent(authorized)], action };
    }
    case 'processor-declined': {
      const decline = { reason: answer.reason, detail: answer.detail };
      const declined = moveTo(payment, 'AUTHORIZING', 'DECLINED', now, { decline });
      return { payment: declined, events: [declinedEvent(declined)], action: null };
    }
    case 'processor-voided': {
      const voided = moveTo(payment, 'AUTHORIZED', 'VOIDED', now);
      return { payment: voided, events: [voidedEvent(voided)], action: null };
    }
    case 'processor-captured': {
      const captured = moveTo(payment, 'AUTHORIZED', 'CAPTURED', now);
      return { payment: captured, events: [settledEvent('payment-captured', captured)], action: null };
    }
    case 'processor-refunded': {
      const refunded = moveTo(payment, 'CAPTURED', 'REFUNDED', now);
      return { payment: refunded, events: [settledEvent('payment-refunded', refunded)], action: null };
    }
    default:
      return unreachable(answer);
  }
}

function authorize(payment: Payment, paymentToken: string): Step {
  const { amountMinor, currency } = termsOf(payment);
  const orderId = payment.orderId;
  return act(payment, { op: 'authorize', orderId, paymentToken, amountMinor, currency, idempotencyKey: orderId });
}

function settle(op: 'void' | 'capture' | 'refund', payment: Payment): ProcessorAction {
  const authorizationId = authorizationIdOf(payment);
  return { op, orderId: payment.orderId, authorizationId, amountMinor: termsOf(payment).amountMinor };
}

/** a processor answer is only ever fed back for the action this machine asked for */
function moveTo(
  payment: Payment,
  from: PaymentStatus,
  to: PaymentStatus,
  now: Date,
  changes: Partial<Payment> = {},
): Payment {
  if (payment.status !== from) {
    throw new Error(`payment ${payment.orderId} is ${payment.status}, cannot become ${to} (expected ${from})`);
  }
  return { ...payment, ...changes, status: to, updatedAt: now };
}

function act(payment: Payment, action: ProcessorAction): Step {
  return { payment, events: [], action };
}

function ignore(payment: Payment | null, why: string): Step {
  return { payment, events: [], action: null, ignored: why };
}

function describe(payment: Payment | null): string {
  if (!payment) return 'unknown';
  return isTombstone(payment) ? 'voided before authorisation' : payment.status.toLowerCase();
}
