import {
  AuthorizePaymentV1Contract,
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  OrderPlacedV1Contract,
  RefundPaymentV1Contract,
  ReleaseStockV1Contract,
  ReserveStockV1Contract,
  VoidPaymentV1Contract,
} from '@platform/events';
import { unreachable } from '@platform/domain';
import { event, type NewEvent } from '@platform/outbox';
import type { Order } from '../domain/order';
import type { SagaEffect } from '../domain/order-saga.types';

/**
 * Turns what the saga asks for into the events and commands of the contracts. The payment token
 * is known only while the order is being placed (it is never stored), so only then can the
 * saga ask for an authorisation.
 */
export function eventsForEffects(
  order: Order,
  effects: readonly SagaEffect[],
  now: Date,
  paymentToken?: string,
): NewEvent[] {
  return effects.map((effect) => eventFor(order, effect, now.toISOString(), paymentToken));
}

function eventFor(order: Order, effect: SagaEffect, at: string, paymentToken?: string): NewEvent {
  const orderId = order.id;
  const { customerId, customerEmail, currency, totalMinor } = order;
  switch (effect.type) {
    case 'AnnouncePlacement':
      return event(OrderPlacedV1Contract, { ...described(order), placedAt: at });
    case 'ReserveStock':
      return event(ReserveStockV1Contract, {
        orderId,
        lines: order.lines.map(({ sku, quantity }) => ({ sku, quantity })),
      });
    case 'AuthorizePayment':
      if (paymentToken === undefined) throw new Error('a payment can only be authorised while the order is placed');
      return event(AuthorizePaymentV1Contract, {
        orderId,
        customerId,
        amountMinor: totalMinor,
        currency,
        paymentToken,
      });
    case 'AnnounceConfirmation':
      return event(OrderConfirmedV1Contract, { ...described(order), confirmedAt: at });
    case 'AnnounceCancellation':
      return event(OrderCancelledV1Contract, {
        orderId,
        customerId,
        customerEmail,
        currency,
        totalMinor,
        reason: effect.reason,
        detail: effect.detail,
        wasConfirmed: effect.wasConfirmed,
        cancelledAt: at,
      });
    case 'ReleaseStock':
      return event(ReleaseStockV1Contract, { orderId, reason: effect.reason });
    case 'VoidPayment':
      return event(VoidPaymentV1Contract, { orderId, reason: effect.reason });
    case 'RefundPayment':
      return event(RefundPaymentV1Contract, { orderId, reason: effect.reason });
    default:
      return unreachable(effect);
  }
}

function described(order: Order) {
  return {
    orderId: order.id,
    customerId: order.customerId,
    customerEmail: order.customerEmail,
    currency: order.currency,
    lines: order.lines.map(({ sku, quantity, unitPriceMinor }) => ({ sku, quantity, unitPriceMinor })),
    totalMinor: order.totalMinor,
    shippingAddress: { ...order.shippingAddress },
  };
}
