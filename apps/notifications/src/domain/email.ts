/** The customer-visible moments of an order, one e-mail each. */
export const NOTIFICATION_KINDS = [
  'ORDER_RECEIVED',
  'ORDER_CONFIRMED',
  'ORDER_CANCELLED',
  'ORDER_DISPATCHED',
  'ORDER_DELIVERED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Email {
  readonly orderId: string;
  readonly kind: NotificationKind;
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
}

/** Where an order's mail goes: known from the order's own events, which carry the customer's address. */
export interface OrderContact {
  readonly orderId: string;
  readonly customerId: string;
  readonly email: string;
}

export function contactOf(order: { orderId: string; customerId: string; customerEmail: string }): OrderContact {
  return { orderId: order.orderId, customerId: order.customerId, email: order.customerEmail };
}
