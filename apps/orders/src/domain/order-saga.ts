import { unreachable } from '@platform/domain';
import { changed, unchanged, type Entry } from './order-saga.decisions';
import type {
  CancelReason,
  OrderSagaState,
  Refusal,
  SagaDecision,
  SagaEffect,
  SagaInput,
  SagaRefusal,
  TimelineKind,
} from './order-saga.types';

// The order saga as a pure state machine: state + input + now -> next state, effects, timeline.
// Every transition starts from the state it expects (stock PENDING for a stock reply, payment PENDING
// for an authorisation or decline...), so a duplicate or late reply, whatever its eventId, changes
// nothing twice. A reply that arrives after a cancellation is compensated again (release, void).

/** A new order: PENDING, asking inventory and payments in parallel, with a deadline. */
export function startOrderSaga(now: Date, timeoutMs: number): SagaDecision {
  const state: OrderSagaState = {
    status: 'PENDING',
    stock: 'PENDING',
    payment: 'PENDING',
    shipment: 'NONE',
    deadlineAt: new Date(now.getTime() + timeoutMs),
  };
  const effects: SagaEffect[] = [{ type: 'AnnouncePlacement' }, { type: 'ReserveStock' }, { type: 'AuthorizePayment' }];
  return changed(state, now, [['PLACED', '']], effects);
}

export function decideOrderSaga(state: OrderSagaState, input: SagaInput, now: Date): SagaDecision | SagaRefusal {
  switch (input.type) {
    case 'StockReserved':
      return onStockReserved(state, now);
    case 'StockReservationFailed':
      return onStockReservationFailed(state, input, now);
    case 'StockReleased':
      // only a held reservation can be released: a release that overtook its reservation leaves
      // stock PENDING, so the reservation, when it comes, is released again
      return state.stock === 'RESERVED'
        ? changed({ ...state, stock: 'RELEASED' }, now, [['STOCK_RELEASED', '']])
        : unchanged(state);
    case 'PaymentAuthorized':
      return onPaymentAuthorized(state, now);
    case 'PaymentDeclined':
      return onPaymentDeclined(state, input, now);
    case 'PaymentVoided':
      return state.payment === 'PENDING' || state.payment === 'AUTHORIZED'
        ? changed({ ...state, payment: 'VOIDED' }, now, [['PAYMENT_VOIDED', '']])
        : unchanged(state);
    case 'PaymentCaptured':
      return state.payment === 'AUTHORIZED'
        ? changed({ ...state, payment: 'CAPTURED' }, now, [['PAYMENT_CAPTURED', '']])
        : unchanged(state);
    case 'PaymentRefunded':
      // the refund may overtake the capture (another topic), so AUTHORIZED is accepted too
      return state.payment === 'CAPTURED' || state.payment === 'AUTHORIZED'
        ? changed({ ...state, payment: 'REFUNDED' }, now, [['PAYMENT_REFUNDED', '']])
        : unchanged(state);
    case 'ShipmentDispatched':
      return onShipment(state, 'DISPATCHED', now);
    case 'ShipmentDelivered':
      return onShipment(state, 'DELIVERED', now);
    case 'DeadlinePassed':
      return state.status === 'PENDING' && now.getTime() >= state.deadlineAt.getTime()
        ? cancel(state, now, 'TIMEOUT', `no answer by ${state.deadlineAt.toISOString()}`, [
            { type: 'ReleaseStock', reason: 'TIMEOUT' },
            { type: 'VoidPayment', reason: 'TIMEOUT' },
          ])
        : unchanged(state);
    case 'CustomerCancelled':
      return onCustomerCancelled(state, now);
    default:
      return unreachable(input);
  }
}

function onStockReserved(state: OrderSagaState, now: Date): SagaDecision {
  if (state.stock !== 'PENDING') return unchanged(state);
  const next: OrderSagaState = { ...state, stock: 'RESERVED' };
  if (state.status === 'PENDING') return confirmIfReady(next, now, ['STOCK_RESERVED', '']);
  if (state.status !== 'CANCELLED') return unchanged(state);
  const reason = state.cancelReason ?? 'CANCELLED';
  return changed(
    next,
    now,
    [['STOCK_RESERVED', 'reserved after the cancellation: release requested']],
    [{ type: 'ReleaseStock', reason }],
  );
}

function onStockReservationFailed(state: OrderSagaState, refusal: Refusal, now: Date): SagaDecision {
  if (state.stock !== 'PENDING') return unchanged(state);
  const next: OrderSagaState = { ...state, stock: 'FAILED' };
  const entry: Entry = ['STOCK_RESERVATION_FAILED', told(refusal)];
  if (state.status === 'PENDING') {
    // the void may reach payments before the authorisation it cancels: payments handles that order too
    const detail = toldBeside('OUT_OF_STOCK', refusal);
    return cancel(next, now, 'OUT_OF_STOCK', detail, [{ type: 'VoidPayment', reason: 'OUT_OF_STOCK' }], [entry]);
  }
  return state.status === 'CANCELLED' ? changed(next, now, [entry]) : unchanged(state);
}

function onPaymentAuthorized(state: OrderSagaState, now: Date): SagaDecision {
  if (state.payment !== 'PENDING') return unchanged(state);
  const next: OrderSagaState = { ...state, payment: 'AUTHORIZED' };
  if (state.status === 'PENDING') return confirmIfReady(next, now, ['PAYMENT_AUTHORIZED', '']);
  if (state.status !== 'CANCELLED') return unchanged(state);
  const reason = state.cancelReason ?? 'CANCELLED';
  return changed(
    next,
    now,
    [['PAYMENT_AUTHORIZED', 'authorized after the cancellation: void requested']],
    [{ type: 'VoidPayment', reason }],
  );
}

function onPaymentDeclined(state: OrderSagaState, refusal: Refusal, now: Date): SagaDecision {
  if (state.payment !== 'PENDING') return unchanged(state);
  const next: OrderSagaState = { ...state, payment: 'DECLINED' };
  const entry: Entry = ['PAYMENT_DECLINED', told(refusal)];
  if (state.status === 'PENDING') {
    return cancel(
      next,
      now,
      'PAYMENT_DECLINED',
      toldBeside('PAYMENT_DECLINED', refusal),
      [{ type: 'ReleaseStock', reason: 'PAYMENT_DECLINED' }],
      [entry],
    );
  }
  return state.status === 'CANCELLED' ? changed(next, now, [entry]) : unchanged(state);
}

/**
 * Dispatched or delivered (either may arrive first: they travel on different topics). For a
 * cancelled order the first of them asks for a refund, since payments captures on dispatch.
 */
function onShipment(state: OrderSagaState, shipment: 'DISPATCHED' | 'DELIVERED', now: Date): SagaDecision {
  if (state.shipment === 'DELIVERED' || state.shipment === shipment) return unchanged(state);
  const kind: TimelineKind = shipment === 'DISPATCHED' ? 'SHIPPED' : 'DELIVERED';
  if (state.status === 'CANCELLED') {
    const refund: SagaEffect[] =
      state.shipment === 'NONE' ? [{ type: 'RefundPayment', reason: state.cancelReason ?? 'CANCELLED' }] : [];
    const detail = refund.length > 0 ? 'after the cancellation: refund requested' : 'after the cancellation';
    return changed({ ...state, shipment }, now, [[kind, detail]], refund);
  }
  if (state.status === 'PENDING') return unchanged(state);
  const status = shipment === 'DISPATCHED' ? 'SHIPPED' : 'DELIVERED';
  return changed({ ...state, status, shipment }, now, [[kind, '']]);
}

function onCustomerCancelled(state: OrderSagaState, now: Date): SagaDecision | SagaRefusal {
  if (state.status === 'CANCELLED') return unchanged(state);
  if (state.status === 'SHIPPED' || state.status === 'DELIVERED') {
    return {
      ok: false,
      code: 'ORDER.ALREADY_SHIPPED',
      detail: `The order is ${state.status} and cannot be cancelled.`,
    };
  }
  const reason = 'CUSTOMER_REQUEST';
  const money: SagaEffect =
    state.payment === 'CAPTURED' ? { type: 'RefundPayment', reason } : { type: 'VoidPayment', reason };
  return cancel(state, now, reason, 'cancelled by the customer', [{ type: 'ReleaseStock', reason }, money]);
}

function confirmIfReady(next: OrderSagaState, now: Date, entry: Entry): SagaDecision {
  if (next.stock !== 'RESERVED' || next.payment !== 'AUTHORIZED') return changed(next, now, [entry]);
  return changed({ ...next, status: 'CONFIRMED' }, now, [entry, ['CONFIRMED', '']], [{ type: 'AnnounceConfirmation' }]);
}

function cancel(
  state: OrderSagaState,
  now: Date,
  reason: CancelReason,
  detail: string,
  compensations: readonly SagaEffect[],
  before: readonly Entry[] = [],
): SagaDecision {
  const announce: SagaEffect = {
    type: 'AnnounceCancellation',
    reason,
    detail,
    wasConfirmed: state.status === 'CONFIRMED',
  };
  return changed(
    { ...state, status: 'CANCELLED', cancelReason: reason },
    now,
    [...before, ['CANCELLED', detail ? `${reason}: ${detail}` : reason]],
    [announce, ...compensations],
  );
}

/** what the other context said: `OUT_OF_STOCK: SKU-1 requested 3, available 1` */
function told({ reason, detail }: Refusal): string {
  return detail ? `${reason}: ${detail}` : reason;
}

/**
 * The refusal as the detail of a cancellation for `cancelReason`, which `cancel` writes before
 * it: the other context's code only when it adds something (`OUT_OF_STOCK: UNKNOWN_SKU: ...`), so
 * the timeline never reads `OUT_OF_STOCK: OUT_OF_STOCK: ...`.
 */
function toldBeside(cancelReason: CancelReason, refusal: Refusal): string {
  return refusal.reason === cancelReason ? refusal.detail : told(refusal);
}
