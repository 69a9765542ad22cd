import { randomUUID } from 'node:crypto';
import {
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  OrderPlacedV1Contract,
  type EventContract,
  type EventEnvelope,
} from '@platform/events';
import { PermanentFailure } from '@platform/messaging';
import {
  databaseBackends,
  envelopeOf,
  handleAsSet,
  handleOneByOne,
  startContextTestApp,
  type Backend,
  type ContextTestApp,
  type SetHandler,
} from '@platform/testing';
import { EmailGatewayDownError } from '../src/adapters/email-gateway.port';
import { FakeEmailGateway } from '../src/adapters/fake-email-gateway';
import { MailCancellationWhenOrderCancelled } from '../src/commands/mail-order-update/mail-cancellation-when-order-cancelled.subscription';
import { MailConfirmationWhenOrderConfirmed } from '../src/commands/mail-order-update/mail-confirmation-when-order-confirmed.subscription';
import { MailOrderReceivedWhenOrderPlaced } from '../src/commands/mail-order-update/mail-order-received-when-order-placed.subscription';
import { NOTIFICATIONS } from '../src/context';
import { NotificationsModule } from '../src/notifications.module';
import { orderCancelled, orderConfirmed, orderPlaced } from './notifications-test-kit';

interface OrderEvent {
  readonly orderId: string;
  readonly customerEmail: string;
}

/** a subscription that mails about orders, and how to make its events */
interface Mailing {
  readonly name: string;
  readonly subscription: new (...args: never[]) => { handle: SetHandler<never> };
  readonly contract: EventContract<OrderEvent>;
  readonly payload: (orderId: string) => OrderEvent;
}

const MAILINGS = [
  {
    name: 'order received',
    subscription: MailOrderReceivedWhenOrderPlaced,
    contract: OrderPlacedV1Contract,
    payload: orderPlaced,
  },
  {
    name: 'order confirmed',
    subscription: MailConfirmationWhenOrderConfirmed,
    contract: OrderConfirmedV1Contract,
    payload: orderConfirmed,
  },
  {
    name: 'order cancelled',
    subscription: MailCancellationWhenOrderCancelled,
    contract: OrderCancelledV1Contract,
    payload: orderCancelled,
  },
] as unknown as readonly Mailing[];

/**
 * The order mails (received, confirmed, cancelled) take a consumer set at once: the same mails
 * and contacts as handling their records one by one, a gateway that is down failing each record
 * on its own, and a record that can never succeed dead-lettered alone.
 */
describe.each(databaseBackends())('mailing order updates in sets on %s', (backend: Backend) => {
  let t: ContextTestApp;
  let gateway: FakeEmailGateway;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [NotificationsModule]);
    gateway = t.app.get(FakeEmailGateway);
  });
  afterAll(() => t?.close());
  afterEach(() => gateway.setMode('normal'));

  /** the subscription's set handler, as the pipeline calls it */
  const handlerOf =
    (m: Mailing): SetHandler<OrderEvent> =>
    (events, set) =>
      (t.app.get(m.subscription).handle as SetHandler<OrderEvent>)(events, set);

  /** three orders, one of them twice (a new event id): each order is mailed once */
  function events(m: Mailing): Array<EventEnvelope<OrderEvent>> {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    return [a, b, a, c].map((orderId) =>
      envelopeOf(m.contract, { ...m.payload(orderId), customerEmail: `${orderId}@example.com` }),
    );
  }

  /** what the events left, by their place in the list: the order's mails (and which event caused them), its contact */
  async function outcomeOf(envelopes: ReadonlyArray<EventEnvelope<OrderEvent>>): Promise<unknown[]> {
    return Promise.all(
      envelopes.map(async ({ payload: { orderId } }) => {
        const mails: Array<{ source_event_id: string }> = await t.db.query(
          `SELECT kind, recipient = $2 AS to_the_customer, subject, body, source_event_id
           FROM notifications.sent_messages WHERE order_id = $1`,
          [orderId, `${orderId}@example.com`],
        );
        const contacts = await t.db.query(
          'SELECT email = $2 AS known FROM notifications.order_contacts WHERE order_id = $1',
          [orderId, `${orderId}@example.com`],
        );
        const placeOf = (eventId: string) => envelopes.findIndex((e) => e.eventId === eventId);
        const sent = mails.map(({ source_event_id, ...mail }) => ({
          ...mail,
          subject: String((mail as { subject: string }).subject).replace(/#[0-9a-f]+/, '#<order>'),
          body: String((mail as { body: string }).body).replaceAll(orderId, '<order>'),
          cause: placeOf(source_event_id),
        }));
        return { sent, contacts };
      }),
    );
  }

  it.each(MAILINGS.map((m) => [m.name, m] as const))(
    '%s: the same mails and contacts as one by one, an order mailed once',
    async (_name, m) => {
      const asSet = events(m);
      const oneByOne = events(m);

      expect(await handleAsSet(t.app, NOTIFICATIONS, m.contract, asSet, handlerOf(m))).toEqual(
        asSet.map(() => ({ committed: 'in the set' })),
      );
      await handleOneByOne(t.app, NOTIFICATIONS, m.contract, oneByOne, handlerOf(m));

      const fromSet = await outcomeOf(asSet);
      expect(fromSet).toEqual(await outcomeOf(oneByOne));
      // and what that is: the first event of the repeated order mailed, to the customer, once
      expect(fromSet[0]).toEqual({
        sent: [expect.objectContaining({ to_the_customer: true, cause: 0 })],
        contacts: [{ known: true }],
      });
      expect(fromSet[2]).toEqual(fromSet[0]);
    },
  );

  it('fails each record of a set on its own while the gateway is down, mailing nothing', async () => {
    const m = MAILINGS[1];
    const set = events(m).slice(0, 2);
    gateway.setMode('down');

    const outcomes = await handleAsSet(t.app, NOTIFICATIONS, m.contract, set, handlerOf(m));

    expect(outcomes).toEqual(set.map(() => ({ committed: false, error: expect.any(EmailGatewayDownError) })));
    expect((outcomes[1] as { error: Error }).error.message).toBe(
      `e-mail gateway is down; ORDER_CONFIRMED for order ${set[1].payload.orderId} not sent`,
    );
    expect(await outcomeOf(set)).toEqual(set.map(() => ({ sent: [], contacts: [] })));
  });

  it('dead-letters a record that can never succeed alone, mailing its neighbours', async () => {
    const m = MAILINGS[0];
    const orderId = randomUUID();
    const set = [
      envelopeOf(m.contract, m.payload('not-a-uuid')),
      envelopeOf(m.contract, { ...m.payload(orderId), customerEmail: `${orderId}@example.com` }),
    ];

    const outcomes = await handleAsSet(t.app, NOTIFICATIONS, m.contract, set, handlerOf(m));

    expect(outcomes).toEqual([{ committed: false, error: expect.any(PermanentFailure) }, { committed: 'alone' }]);
    expect((outcomes[0] as { error: PermanentFailure }).error.code).toBe('NOTIFICATIONS.INVALID_ORDER_ID');
    expect(await outcomeOf(set.slice(1))).toEqual([
      { sent: [expect.objectContaining({ kind: 'ORDER_RECEIVED', cause: 0 })], contacts: [{ known: true }] },
    ]);
  });
});
