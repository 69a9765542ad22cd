import {
  ageMs,
  num,
  resultOf,
  type Invariant,
  type InvariantOptions,
  type InvariantResult,
  type Sources,
} from './invariant';
import { loadOrders, settled, type OrderView } from './order-view';

export const NOTIFICATIONS = 'notifications';

const KINDS = ['ORDER_RECEIVED', 'ORDER_CONFIRMED', 'ORDER_CANCELLED', 'ORDER_DISPATCHED', 'ORDER_DELIVERED'] as const;

interface Mailbox {
  readonly counts: Map<string, number>;
  readonly ageMs: number;
}

/**
 * Exactly one e-mail per customer-visible moment: received for every order; confirmed iff the
 * timeline shows it was ever confirmed; cancelled iff it is cancelled; dispatched and delivered
 * iff the saga heard of the parcel leaving and arriving (a parcel that left before a
 * cancellation took effect is announced too). Never two of a kind, whatever the settle window.
 */
export async function checkNotifications(
  sources: Pick<Sources, 'orders' | 'notifications'>,
  options: InvariantOptions,
): Promise<InvariantResult> {
  const orders = await loadOrders(sources.orders);
  const mailboxes = await loadMailboxes(sources.notifications);
  const violations: string[] = [];
  let sent = 0;
  for (const [orderId, mailbox] of mailboxes) {
    sent += [...mailbox.counts.values()].reduce((a, b) => a + b, 0);
    for (const [kind, n] of mailbox.counts) {
      if (n > 1) violations.push(`order ${orderId}: ${n} e-mails of kind ${kind}`);
      if (!(KINDS as readonly string[]).includes(kind)) violations.push(`order ${orderId}: unknown kind ${kind}`);
    }
    if (!orders.has(orderId) && settled(options, mailbox.ageMs)) {
      violations.push(
        `order ${orderId}: ${[...mailbox.counts.keys()].join(', ')} mailed for an order that does not exist`,
      );
    }
  }
  for (const order of orders.values()) {
    const mailbox = mailboxes.get(order.id);
    if (!settled(options, order.idleMs, mailbox?.ageMs)) continue;
    for (const kind of KINDS) {
      const expected = expectedCount(order, kind);
      const actual = Math.min(mailbox?.counts.get(kind) ?? 0, 1); // more than one is reported above
      if (actual !== expected) {
        violations.push(
          `order ${order.id}: ${expected ? 'no' : 'an unexpected'} ${kind} e-mail (${order.status}, shipment ${order.shipment ?? '?'}${order.everConfirmed ? ', was confirmed' : ''})`,
        );
      }
    }
  }
  return resultOf(NOTIFICATIONS, `${sent} e-mails for ${orders.size} orders`, violations);
}

function expectedCount(order: OrderView, kind: (typeof KINDS)[number]): number {
  switch (kind) {
    case 'ORDER_RECEIVED':
      return 1;
    case 'ORDER_CONFIRMED':
      return order.everConfirmed ? 1 : 0;
    case 'ORDER_CANCELLED':
      return order.status === 'CANCELLED' ? 1 : 0;
    case 'ORDER_DISPATCHED':
      return order.shipment === 'DISPATCHED' || order.shipment === 'DELIVERED' ? 1 : 0;
    case 'ORDER_DELIVERED':
      return order.shipment === 'DELIVERED' ? 1 : 0;
    default:
      return exhaustive(kind);
  }
}

async function loadMailboxes(notifications: Sources['notifications']): Promise<Map<string, Mailbox>> {
  const rows = await notifications(`
    SELECT order_id::text, kind, count(*) AS n, ${ageMs('max(sent_at)')} AS age_ms
      FROM notifications.sent_messages GROUP BY order_id, kind`);
  const mailboxes = new Map<string, Mailbox>();
  for (const row of rows) {
    const orderId = String(row.order_id).toLowerCase();
    const mailbox = mailboxes.get(orderId) ?? { counts: new Map<string, number>(), ageMs: Infinity };
    mailbox.counts.set(String(row.kind), num(row.n));
    mailboxes.set(orderId, { counts: mailbox.counts, ageMs: Math.min(mailbox.ageMs, num(row.age_ms)) });
  }
  return mailboxes;
}

function exhaustive(kind: never): never {
  throw new Error(`unhandled notification kind ${String(kind)}`);
}

export const notificationsInvariant: Invariant = { name: NOTIFICATIONS, check: checkNotifications };
