import { randomUUID } from 'node:crypto';
import {
  AuthorizePaymentV1Contract,
  RefundPaymentV1Contract,
  ShipmentDispatchedV1Contract,
  VoidPaymentV1Contract,
  type AuthorizePaymentV1,
  type EventContract,
} from '@platform/events';
import {
  eventually,
  eventuallyDeadLettered,
  eventuallyHandled,
  outboxEvents,
  publishEvent,
  type ContextTestApp,
  type DeadLetterSeen,
} from '@platform/testing';
import { PAYMENTS } from '../src/context';

/** Drives the payments context as the saga and shipping would, and reads what it did. */
export class PaymentsTestKit {
  constructor(private readonly t: ContextTestApp) {}

  authorize(
    orderId: string,
    paymentToken = 'tok_visa',
    eventId?: string,
    overrides: Partial<AuthorizePaymentV1> = {},
  ): Promise<{ eventId: string }> {
    const payload = {
      orderId,
      customerId: 'customer-1',
      amountMinor: 4_999,
      currency: 'EUR',
      paymentToken,
      ...overrides,
    };
    return publishEvent(this.t.app, AuthorizePaymentV1Contract, payload, eventId ? { eventId } : {});
  }

  void(orderId: string, eventId?: string): Promise<{ eventId: string }> {
    const payload = { orderId, reason: 'stock unavailable' };
    return publishEvent(this.t.app, VoidPaymentV1Contract, payload, eventId ? { eventId } : {});
  }

  refund(orderId: string): Promise<{ eventId: string }> {
    return publishEvent(this.t.app, RefundPaymentV1Contract, { orderId, reason: 'customer cancelled' });
  }

  dispatch(orderId: string, eventId?: string): Promise<{ eventId: string }> {
    const payload = { orderId, shipmentId: randomUUID(), dispatchedAt: new Date().toISOString() };
    return publishEvent(this.t.app, ShipmentDispatchedV1Contract, payload, eventId ? { eventId } : {});
  }

  /** payloads of one contract the context published for this order, oldest first */
  async published<P extends { orderId: string }>(contract: EventContract<P>, orderId: string): Promise<P[]> {
    const events = await outboxEvents(this.t.app, this.t.db, 'payments', contract);
    return events.map((e) => e.payload).filter((p) => p.orderId === orderId);
  }

  /** waits until `count` events of the contract are published for the order */
  async awaitPublished<P extends { orderId: string }>(
    contract: EventContract<P>,
    orderId: string,
    count = 1,
  ): Promise<P[]> {
    return eventually(
      () => this.published(contract, orderId),
      (events) => events.length >= count,
      { expected: `${count} ${contract.type} for order ${orderId}` },
    );
  }

  /** every event type the context published for this order, in outbox order */
  async timeline(orderId: string): Promise<string[]> {
    const rows: Array<{ topic: string }> = await this.t.db.query(
      'SELECT topic FROM payments.outbox WHERE msg_key = $1 ORDER BY id',
      [orderId],
    );
    return rows.map((r) => r.topic.replace(/^payments\.(.*)\.v1$/, '$1'));
  }

  /** the processor journal for the order, as operation:outcome */
  async processorCalls(orderId: string): Promise<string[]> {
    const rows: Array<{ operation: string; outcome: string }> = await this.t.db.query(
      'SELECT operation, outcome FROM payments.processor_calls WHERE order_id = $1 ORDER BY id',
      [orderId],
    );
    return rows.map((r) => `${r.operation}:${r.outcome}`);
  }

  async status(orderId: string): Promise<string | undefined> {
    const rows: Array<{ status: string }> = await this.t.db.query(
      'SELECT status FROM payments.payment WHERE order_id = $1',
      [orderId],
    );
    return rows[0]?.status;
  }

  /** waits until the consumer committed this event (its inbox row is visible) */
  awaitHandled(eventId: string): Promise<void> {
    return eventuallyHandled(this.t, PAYMENTS, eventId);
  }

  awaitDeadLetter(eventId: string): Promise<DeadLetterSeen> {
    return eventuallyDeadLettered(this.t, PAYMENTS, eventId);
  }
}
