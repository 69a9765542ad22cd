import { randomUUID } from 'node:crypto';
import {
  OrderPlacedV1Contract,
  ShipmentDeliveredV1Contract,
  ShipmentDispatchedV1Contract,
  type EventContract,
  type EventEnvelope,
} from '@platform/events';
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
import { ContactNotYetKnownError } from '../src/commands/mail-shipment-update/contact-lookup';
import { MailDeliveryNoticeWhenShipmentDelivered } from '../src/commands/mail-shipment-update/mail-delivery-notice-when-shipment-delivered.subscription';
import { MailDispatchNoticeWhenShipmentDispatched } from '../src/commands/mail-shipment-update/mail-dispatch-notice-when-shipment-dispatched.subscription';
import { MailOrderReceivedWhenOrderPlaced } from '../src/commands/mail-order-update/mail-order-received-when-order-placed.subscription';
import { NOTIFICATIONS } from '../src/context';
import { NotificationsModule } from '../src/notifications.module';
import { orderPlaced, shipmentDelivered, shipmentDispatched } from './notifications-test-kit';

interface ShipmentEvent {
  readonly orderId: string;
}

/** a subscription that mails about parcels, and how to make its events */
interface Mailing {
  readonly name: string;
  readonly subscription: new (...args: never[]) => { handle: SetHandler<never> };
  readonly contract: EventContract<ShipmentEvent>;
  readonly payload: (orderId: string) => ShipmentEvent;
}

const MAILINGS = [
  {
    name: 'dispatch notice',
    subscription: MailDispatchNoticeWhenShipmentDispatched,
    contract: ShipmentDispatchedV1Contract,
    payload: shipmentDispatched,
  },
  {
    name: 'delivery notice',
    subscription: MailDeliveryNoticeWhenShipmentDelivered,
    contract: ShipmentDeliveredV1Contract,
    payload: shipmentDelivered,
  },
] as unknown as readonly Mailing[];

/**
 * The parcel mails (dispatched, delivered) take a consumer set at once: the same mails as
 * handling their records one by one, and a record whose order's contact is not known yet
 * retried on its own while its neighbours are mailed.
 */
describe.each(databaseBackends())('mailing shipment updates in sets on %s', (backend: Backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [NotificationsModule]);
  });
  afterAll(() => t?.close());

  const handlerOf =
    <P>(subscription: Mailing['subscription']): SetHandler<P> =>
    (events, set) =>
      (t.app.get(subscription).handle as SetHandler<P>)(events, set);

  /** orders whose contacts notifications knows, from their order-placed */
  async function knownOrders(count: number): Promise<string[]> {
    const orderIds = Array.from({ length: count }, () => randomUUID());
    const placed = orderIds.map((orderId) => envelopeOf(OrderPlacedV1Contract, orderPlaced(orderId)));
    await handleAsSet(t.app, NOTIFICATIONS, OrderPlacedV1Contract, placed, handlerOf(MailOrderReceivedWhenOrderPlaced));
    return orderIds;
  }

  /** three orders, one of them twice (a new event id): each order is mailed once */
  async function events(m: Mailing): Promise<Array<EventEnvelope<ShipmentEvent>>> {
    const [a, b, c] = await knownOrders(3);
    return [a, b, a, c].map((orderId) => envelopeOf(m.contract, m.payload(orderId)));
  }

  /** the parcel mails the events left, by their place in the list */
  async function outcomeOf(envelopes: ReadonlyArray<EventEnvelope<ShipmentEvent>>): Promise<unknown[]> {
    const placeOf = (eventId: string) => envelopes.findIndex((e) => e.eventId === eventId);
    return Promise.all(
      envelopes.map(async ({ payload: { orderId } }) => {
        const mails: Array<{ kind: string; subject: string; source_event_id: string }> = await t.db.query(
          `SELECT kind, subject, source_event_id FROM notifications.sent_messages
           WHERE order_id = $1 AND kind IN ('ORDER_DISPATCHED', 'ORDER_DELIVERED')`,
          [orderId],
        );
        return mails.map(({ kind, subject, source_event_id }) => ({
          kind,
          aboutItsOrder: subject.includes(`#${orderId.slice(-10)}`),
          subject: subject.replace(/#[0-9a-f]+/, '#<order>'),
          cause: placeOf(source_event_id),
        }));
      }),
    );
  }

  it.each(MAILINGS.map((m) => [m.name, m] as const))(
    '%s: the same mails as one by one, an order mailed once',
    async (_name, m) => {
      const asSet = await events(m);
      const oneByOne = await events(m);
      const handle = handlerOf<ShipmentEvent>(m.subscription);

      expect(await handleAsSet(t.app, NOTIFICATIONS, m.contract, asSet, handle)).toEqual(
        asSet.map(() => ({ committed: 'in the set' })),
      );
      await handleOneByOne(t.app, NOTIFICATIONS, m.contract, oneByOne, handle);

      const fromSet = await outcomeOf(asSet);
      expect(fromSet).toEqual(await outcomeOf(oneByOne));
      expect(fromSet[0]).toEqual([expect.objectContaining({ aboutItsOrder: true, cause: 0 })]);
      expect(fromSet[2]).toEqual(fromSet[0]);
    },
  );

  it('retries a record whose contact is not known yet on its own, mailing its neighbours', async () => {
    const [known] = await knownOrders(1);
    const unknown = randomUUID();
    const set = [
      envelopeOf(ShipmentDispatchedV1Contract, shipmentDispatched(unknown)),
      envelopeOf(ShipmentDispatchedV1Contract, shipmentDispatched(known)),
    ];

    const outcomes = await handleAsSet(
      t.app,
      NOTIFICATIONS,
      ShipmentDispatchedV1Contract,
      set,
      handlerOf(MailDispatchNoticeWhenShipmentDispatched),
    );

    expect(outcomes).toEqual([
      { committed: false, error: expect.any(ContactNotYetKnownError) },
      { committed: 'alone' },
    ]);
    expect(await outcomeOf(set)).toEqual([[], [expect.objectContaining({ kind: 'ORDER_DISPATCHED', cause: 1 })]]);
  });
});
