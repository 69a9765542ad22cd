import {
  PaymentAuthorizedV1Contract,
  PaymentCapturedV1Contract,
  PaymentDeclinedV1Contract,
  PaymentRefundedV1Contract,
  PaymentVoidedV1Contract,
  ShipmentDeliveredV1Contract,
  ShipmentDispatchedV1Contract,
  StockReleasedV1Contract,
  StockReservationFailedV1Contract,
  StockReservedV1Contract,
  type EventContract,
} from '@platform/events';
import type { SagaInput } from '../../domain/order-saga.types';

/** Every reply names the order it answers for. */
export interface OrderReply {
  readonly orderId: string;
}

/** A reply the saga listens to: its contract, and the saga input its payload becomes. */
export interface SagaReply<P extends OrderReply = OrderReply> {
  readonly contract: EventContract<P>;
  // method syntax on purpose: a row for one payload type must fit the table of all of them
  toSagaInput(payload: P): SagaInput;
}

function reply<P extends OrderReply>(contract: EventContract<P>, toSagaInput: (payload: P) => SagaInput): SagaReply<P> {
  return { contract, toSagaInput };
}

/**
 * What the order saga hears from other contexts, as saga inputs; what each one does is the
 * machine's business (domain/order-saga.ts). Each row is its own subscription (consumer group
 * `orders`, the contract's topic), so adding a reply is one row here.
 */
export const SAGA_REPLIES: readonly SagaReply[] = [
  // stock held: confirms the order once the payment is authorised too; after a cancellation, releases it again
  reply(StockReservedV1Contract, () => ({ type: 'StockReserved' })),
  // not enough stock: cancels a PENDING order (OUT_OF_STOCK) and voids its payment
  reply(StockReservationFailedV1Contract, ({ reason, shortLines }) => ({
    type: 'StockReservationFailed',
    reason,
    detail: shortLines.map((l) => `${l.sku} requested ${l.requested}, available ${l.available}`).join('; '),
  })),
  // a compensation done: records that the stock is released
  reply(StockReleasedV1Contract, () => ({ type: 'StockReleased' })),
  // payment authorised: confirms the order once the stock is reserved too; after a cancellation, voids it again
  reply(PaymentAuthorizedV1Contract, () => ({ type: 'PaymentAuthorized' })),
  // payment refused: cancels a PENDING order (PAYMENT_DECLINED) and releases its stock
  reply(PaymentDeclinedV1Contract, ({ reason, detail }) => ({ type: 'PaymentDeclined', reason, detail })),
  // a compensation done: records that the authorisation is voided
  reply(PaymentVoidedV1Contract, () => ({ type: 'PaymentVoided' })),
  // payments captured on dispatch: recorded, so a later customer cancellation refunds instead of voiding
  reply(PaymentCapturedV1Contract, () => ({ type: 'PaymentCaptured' })),
  // a compensation done: records that the payment is refunded
  reply(PaymentRefundedV1Contract, () => ({ type: 'PaymentRefunded' })),
  // dispatched: the order is SHIPPED; if it had been cancelled meanwhile, the captured payment is refunded
  reply(ShipmentDispatchedV1Contract, () => ({ type: 'ShipmentDispatched' })),
  // delivered: the order is DELIVERED
  reply(ShipmentDeliveredV1Contract, () => ({ type: 'ShipmentDelivered' })),
];
