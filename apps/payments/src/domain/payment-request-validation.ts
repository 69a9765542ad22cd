import { isUuid, Refusal } from '@platform/domain';
import type { PaymentTerms } from './payment';

/**
 * Commands that can never succeed (a malformed order id, a non-positive or fractional amount, a
 * currency that is not ISO 4217 shaped) are refused with a stable code; the handler dead-letters
 * them at once instead of retrying, and nothing is recorded or charged.
 */
export interface PaymentRequestRefusal {
  readonly code: 'PAYMENTS.INVALID_ORDER_ID' | 'PAYMENTS.INVALID_AMOUNT' | 'PAYMENTS.INVALID_CURRENCY';
  readonly message: string;
}

const CURRENCY = /^[A-Z]{3}$/;

export function refuseOrderId(orderId: string): PaymentRequestRefusal | null {
  return isUuid(orderId) ? null : { code: 'PAYMENTS.INVALID_ORDER_ID', message: `orderId "${orderId}" is not a UUID` };
}

export function refuseTerms(terms: PaymentTerms): PaymentRequestRefusal | null {
  const badOrder = refuseOrderId(terms.orderId);
  if (badOrder) return badOrder;
  if (!Number.isSafeInteger(terms.amountMinor) || terms.amountMinor <= 0) {
    return {
      code: 'PAYMENTS.INVALID_AMOUNT',
      message: `amountMinor must be a positive integer, got ${terms.amountMinor}`,
    };
  }
  if (!CURRENCY.test(terms.currency)) {
    return {
      code: 'PAYMENTS.INVALID_CURRENCY',
      message: `currency must be 3 upper-case letters, got "${terms.currency}"`,
    };
  }
  return null;
}

/** as the command handlers return it: invalid, with its stable code (the subscription dead-letters it) */
export function asRefusal({ code, message }: PaymentRequestRefusal): Refusal {
  return Refusal.invalid(code, message);
}
