import {
  orderCancelledEmail,
  orderConfirmedEmail,
  orderDeliveredEmail,
  orderDispatchedEmail,
  orderReceivedEmail,
  orderReference,
} from './compose-email';
import { v7 as uuidv7 } from 'uuid';

const ORDER_ID = '0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10';
const order = {
  orderId: ORDER_ID,
  customerEmail: 'ada@example.com',
  currency: 'EUR',
  totalMinor: 2500,
  lines: [{ sku: 'SKU-1', quantity: 2 }],
};
const contact = { orderId: ORDER_ID, customerId: 'customer-1', email: 'ada@example.com' };

describe('composing the e-mail for each moment of an order', () => {
  it('given a placed order, then the customer is told we received it, with lines and total', () => {
    const email = orderReceivedEmail(order);
    expect(email).toMatchObject({
      orderId: ORDER_ID,
      kind: 'ORDER_RECEIVED',
      recipient: 'ada@example.com',
      subject: 'We received your order #2c8a4e6b10',
    });
    expect(email.body).toContain('- 2 x SKU-1');
    expect(email.body).toContain('Total: EUR 25.00.');
  });

  it('given a confirmed order, then the customer is told it will ship', () => {
    expect(orderConfirmedEmail(order)).toMatchObject({
      kind: 'ORDER_CONFIRMED',
      subject: 'Your order #2c8a4e6b10 is confirmed',
    });
  });

  it('given a cancelled order, then the reason is in the body, in words and as its code', () => {
    const email = orderCancelledEmail({ ...order, reason: 'OUT_OF_STOCK', detail: 'SKU-1 sold out' });
    expect(email.kind).toBe('ORDER_CANCELLED');
    expect(email.body).toContain('because an item is out of stock (OUT_OF_STOCK)');
    expect(email.body).toContain('Details: SKU-1 sold out');
  });

  it('given a cancellation reason we have no words for, then its code is still shown', () => {
    const email = orderCancelledEmail({ ...order, reason: 'FRAUD_SUSPECTED', detail: '' });
    expect(email.body).toContain('(FRAUD_SUSPECTED)');
    expect(email.body).not.toContain('Details:');
  });

  it('given a dispatched or delivered shipment, then the mail goes to the known contact', () => {
    const dispatched = orderDispatchedEmail(contact, 'ship-1', '2026-11-25T10:00:02.000Z');
    expect(dispatched).toMatchObject({ kind: 'ORDER_DISPATCHED', recipient: 'ada@example.com' });
    expect(dispatched.body).toContain('Shipment: ship-1.');
    const delivered = orderDeliveredEmail(contact, '2026-11-25T10:00:06.000Z');
    expect(delivered).toMatchObject({ kind: 'ORDER_DELIVERED', subject: 'Your order #2c8a4e6b10 was delivered' });
  });

  it('given orders placed in the same millisecond, then each subject carries a different short number', () => {
    const msecs = Date.parse('2026-12-06T10:00:00.000Z');
    const ids = Array.from({ length: 1_000 }, () => uuidv7({ msecs }));
    expect(new Set(ids.map((id) => id.slice(0, 13))).size).toBe(1); // the same instant, as the ids say
    const subjects = ids.map((orderId) => orderReceivedEmail({ ...order, orderId }).subject);
    expect(new Set(subjects).size).toBe(ids.length);
  });

  it('given an order id, then its short number is its last 10 hex digits, the random ones', () => {
    expect(orderReference(ORDER_ID)).toBe('#2c8a4e6b10');
  });
});
