import { unreachable } from '@platform/domain';
import {
  PaymentAuthorizedV1Contract,
  PaymentCapturedV1Contract,
  PaymentDeclinedV1Contract,
  PaymentRefundedV1Contract,
  PaymentVoidedV1Contract,
} from '@platform/events';
import { event, type NewEvent } from '@platform/outbox';
import type { PaymentEvent } from '../domain/payment-events';

/** The domain's events onto their published contracts (payments.*.v1). */
export function toOutboxEvent(e: PaymentEvent): NewEvent {
  switch (e.type) {
    case 'payment-authorized':
      return event(PaymentAuthorizedV1Contract, {
        orderId: e.orderId,
        authorizationId: e.authorizationId,
        amountMinor: e.amountMinor,
        currency: e.currency,
      });
    case 'payment-declined':
      return event(PaymentDeclinedV1Contract, { orderId: e.orderId, reason: e.reason, detail: e.detail });
    case 'payment-voided':
      return event(PaymentVoidedV1Contract, { orderId: e.orderId, authorizationId: e.authorizationId });
    case 'payment-captured':
      return event(PaymentCapturedV1Contract, { orderId: e.orderId, amountMinor: e.amountMinor, currency: e.currency });
    case 'payment-refunded':
      return event(PaymentRefundedV1Contract, { orderId: e.orderId, amountMinor: e.amountMinor, currency: e.currency });
    default:
      return unreachable(e);
  }
}
