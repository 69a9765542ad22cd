// The vocabulary of the order saga: its persisted state, what can happen to it, and what it asks for.
// Plain readonly data, so the machine (order-saga.ts) can be tested without a database or a broker.

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'SHIPPED' | 'DELIVERED';
/** what inventory last told us about this order's stock */
export type StockStatus = 'PENDING' | 'RESERVED' | 'FAILED' | 'RELEASED';
/** what payments last told us about this order's money */
export type PaymentStatus = 'PENDING' | 'AUTHORIZED' | 'DECLINED' | 'VOIDED' | 'CAPTURED' | 'REFUNDED';
/** what shipping last told us; kept apart from status so a dispatch after a cancellation is refunded once */
export type ShipmentStatus = 'NONE' | 'DISPATCHED' | 'DELIVERED';
export type CancelReason = 'OUT_OF_STOCK' | 'PAYMENT_DECLINED' | 'TIMEOUT' | 'CUSTOMER_REQUEST';

export interface OrderSagaState {
  readonly status: OrderStatus;
  readonly stock: StockStatus;
  readonly payment: PaymentStatus;
  readonly shipment: ShipmentStatus;
  readonly cancelReason?: CancelReason;
  /** a PENDING order still waiting at this instant is cancelled (TIMEOUT) */
  readonly deadlineAt: Date;
}

/** A refusal from another context: its stable code (`OUT_OF_STOCK`, `DECLINED`) and its words. */
export interface Refusal {
  readonly reason: string;
  readonly detail: string;
}

/** A reply from another context, the deadline, or the customer. */
export type SagaInput =
  | { readonly type: 'StockReserved' }
  | ({ readonly type: 'StockReservationFailed' } & Refusal)
  | { readonly type: 'StockReleased' }
  | { readonly type: 'PaymentAuthorized' }
  | ({ readonly type: 'PaymentDeclined' } & Refusal)
  | { readonly type: 'PaymentVoided' }
  | { readonly type: 'PaymentCaptured' }
  | { readonly type: 'PaymentRefunded' }
  | { readonly type: 'ShipmentDispatched' }
  | { readonly type: 'ShipmentDelivered' }
  | { readonly type: 'DeadlinePassed' }
  | { readonly type: 'CustomerCancelled' };

/** What the saga asks the outside world for; the application turns each into an outbox event. */
export type SagaEffect =
  | { readonly type: 'AnnouncePlacement' }
  | { readonly type: 'ReserveStock' }
  | { readonly type: 'AuthorizePayment' }
  | { readonly type: 'AnnounceConfirmation' }
  | {
      readonly type: 'AnnounceCancellation';
      readonly reason: CancelReason;
      readonly detail: string;
      readonly wasConfirmed: boolean;
    }
  | { readonly type: 'ReleaseStock'; readonly reason: string }
  | { readonly type: 'VoidPayment'; readonly reason: string }
  | { readonly type: 'RefundPayment'; readonly reason: string };

export type TimelineKind =
  | 'PLACED'
  | 'STOCK_RESERVED'
  | 'STOCK_RESERVATION_FAILED'
  | 'STOCK_RELEASED'
  | 'PAYMENT_AUTHORIZED'
  | 'PAYMENT_DECLINED'
  | 'PAYMENT_VOIDED'
  | 'PAYMENT_CAPTURED'
  | 'PAYMENT_REFUNDED'
  | 'CONFIRMED'
  | 'CANCELLED'
  | 'SHIPPED'
  | 'DELIVERED';

export interface TimelineEntry {
  readonly at: Date;
  readonly kind: TimelineKind;
  readonly detail: string;
}

/** The saga's answer: the next state, what to ask for, and what to write in the order's history. */
export interface SagaDecision {
  readonly ok: true;
  readonly state: OrderSagaState;
  readonly effects: readonly SagaEffect[];
  readonly timeline: readonly TimelineEntry[];
}

/** Only the customer can be refused: a reply from another context is a fact, never refused. */
export interface SagaRefusal {
  readonly ok: false;
  readonly code: 'ORDER.ALREADY_SHIPPED';
  readonly detail: string;
}
