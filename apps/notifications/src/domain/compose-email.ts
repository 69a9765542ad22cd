import type { Email, OrderContact } from './email';
import { formatMoney } from './money';

/** What the order events tell us; structurally the contracts' payloads, without depending on them. */
export interface OrderFacts {
  readonly orderId: string;
  readonly customerEmail: string;
  readonly currency: string;
  readonly totalMinor: number;
  readonly lines?: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>;
}

export interface CancellationFacts extends OrderFacts {
  readonly reason: string;
  readonly detail: string;
}

const REASONS: Readonly<Record<string, string>> = {
  PAYMENT_DECLINED: 'your payment was declined',
  OUT_OF_STOCK: 'an item is out of stock',
  TIMEOUT: 'we could not complete it in time',
  CUSTOMER_REQUEST: 'you asked us to cancel it',
};

export function orderReceivedEmail(order: OrderFacts): Email {
  return email(
    order.orderId,
    order.customerEmail,
    'ORDER_RECEIVED',
    `We received your order ${orderReference(order.orderId)}`,
    [
      `Thank you for your order ${order.orderId}.`,
      ...lineSummary(order),
      `Total: ${formatMoney(order.totalMinor, order.currency)}.`,
      'We will e-mail you again once payment and stock are confirmed.',
    ],
  );
}

export function orderConfirmedEmail(order: OrderFacts): Email {
  return email(
    order.orderId,
    order.customerEmail,
    'ORDER_CONFIRMED',
    `Your order ${orderReference(order.orderId)} is confirmed`,
    [
      `Your order ${order.orderId} is confirmed: payment authorised and items reserved.`,
      `Total: ${formatMoney(order.totalMinor, order.currency)}.`,
      'We will let you know when it ships.',
    ],
  );
}

export function orderCancelledEmail(order: CancellationFacts): Email {
  const why = REASONS[order.reason] ?? 'of a problem on our side';
  return email(
    order.orderId,
    order.customerEmail,
    'ORDER_CANCELLED',
    `Your order ${orderReference(order.orderId)} was cancelled`,
    [
      `We are sorry: your order ${order.orderId} was cancelled because ${why} (${order.reason}).`,
      ...(order.detail ? [`Details: ${order.detail}`] : []),
      `Any amount reserved (${formatMoney(order.totalMinor, order.currency)}) is released; you will not be charged.`,
    ],
  );
}

export function orderDispatchedEmail(contact: OrderContact, shipmentId: string, dispatchedAt: string): Email {
  return email(
    contact.orderId,
    contact.email,
    'ORDER_DISPATCHED',
    `Your order ${orderReference(contact.orderId)} is on its way`,
    [`Your order ${contact.orderId} left our warehouse at ${dispatchedAt}.`, `Shipment: ${shipmentId}.`],
  );
}

export function orderDeliveredEmail(contact: OrderContact, deliveredAt: string): Email {
  return email(
    contact.orderId,
    contact.email,
    'ORDER_DELIVERED',
    `Your order ${orderReference(contact.orderId)} was delivered`,
    [`Your order ${contact.orderId} was delivered at ${deliveredAt}. Enjoy!`],
  );
}

function email(orderId: string, recipient: string, kind: Email['kind'], subject: string, lines: string[]): Email {
  return { orderId, recipient, kind, subject, body: lines.join('\n') };
}

/**
 * A short reference for subject lines: the order id's last 10 hex digits. Order ids are UUIDv7,
 * whose first 12 digits are the millisecond they were made, so their head is the same for every
 * order of the same minute; their last 10 digits (40 bits) are random, so two orders share a
 * reference about once in a million pairs. The body always carries the whole id.
 */
export function orderReference(orderId: string): string {
  return `#${orderId.slice(-10)}`;
}

function lineSummary(order: OrderFacts): string[] {
  return (order.lines ?? []).map((line) => `- ${line.quantity} x ${line.sku}`);
}
