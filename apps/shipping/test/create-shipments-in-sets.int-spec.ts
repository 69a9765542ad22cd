import { randomBytes, randomUUID } from 'node:crypto';
import {
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  type EventEnvelope,
  type OrderConfirmedV1,
} from '@platform/events';
import { PermanentFailure } from '@platform/messaging';
import {
  databaseBackends,
  envelopeOf,
  handleAsSet,
  handleOneByOne,
  outboxEvents,
  publishEvent,
  startContextTestApp,
  type Backend,
  type ContextTestApp,
  type SetHandler,
} from '@platform/testing';
import { CarrierUnavailableError } from '../src/adapters/carrier.port';
import { FakeCarrier } from '../src/adapters/fake-carrier';
import { CreateShipmentWhenOrderConfirmed } from '../src/commands/create-shipment/create-shipment-when-order-confirmed.subscription';
import { SHIPPING } from '../src/context';
import { ShippingModule } from '../src/shipping.module';
import { FAST_RETRIES, carrierCalls, handled, orderCancelled, orderConfirmed, shipmentRows } from './shipping-test-kit';

/**
 * CreateShipmentWhenOrderConfirmed takes a consumer set at once: the same shipments, carrier
 * ledger and events as handling its records one by one, and a refused carrier call blamed on its
 * record alone.
 */
describe.each(databaseBackends())('creating shipments in sets on %s', (backend: Backend) => {
  let t: ContextTestApp;
  let handle: SetHandler<OrderConfirmedV1>;
  let carrier: FakeCarrier;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [ShippingModule], { ...FAST_RETRIES, SHIPPING_AUTO_ADVANCE: 'false' });
    const subscription = t.app.get(CreateShipmentWhenOrderConfirmed);
    handle = (events, set) => subscription.handle(events, set);
    carrier = t.app.get(FakeCarrier);
  });
  afterAll(() => t?.close());
  afterEach(() => carrier.setMode('normal'));

  /** a confirmation with a trace of its own, so that a shipment's traceparent shows whose it is */
  const confirmation = (orderId: string): EventEnvelope<OrderConfirmedV1> =>
    envelopeOf(OrderConfirmedV1Contract, orderConfirmed(orderId), {
      correlationId: `correlation-${orderId}`,
      traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
    });

  /** three orders, one confirmed twice (new event id), one cancelled before its confirmation */
  async function confirmations(): Promise<Array<EventEnvelope<OrderConfirmedV1>>> {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await handled(t, await publishEvent(t.app, OrderCancelledV1Contract, orderCancelled(c)));
    return [confirmation(a), confirmation(b), confirmation(a), confirmation(c)];
  }

  /** what the confirmations left, by their place in the list */
  async function outcomeOf(envelopes: ReadonlyArray<EventEnvelope<OrderConfirmedV1>>): Promise<unknown[]> {
    const published = await outboxEvents(t.app, t.db, SHIPPING);
    const placeOf = (eventId: string | undefined) => envelopes.findIndex((e) => e.eventId === eventId);
    return Promise.all(
      envelopes.map(async ({ payload: { orderId } }) => {
        const [row] = await t.db.query(
          `SELECT status, carrier, shipment_id IS NOT NULL AS booked, correlation_id = $2 AS own_correlation,
                  traceparent FROM shipping.shipments WHERE order_id = $1`,
          [orderId, `correlation-${orderId}`],
        );
        const traceparentOf = envelopes.findIndex((e) => e.traceparent === row.traceparent);
        const events = published
          .filter((e) => e.key === orderId)
          .map((e) => ({
            type: e.type,
            cause: placeOf(e.causationId),
            carrier: (e.payload as { carrier: string }).carrier,
          }));
        return { row: { ...row, traceparent: traceparentOf }, calls: await carrierCalls(t, orderId), events };
      }),
    );
  }

  it('leaves the same shipments, carrier ledger and events as one by one, a repeated order booked once', async () => {
    const asSet = await confirmations();
    const oneByOne = await confirmations();

    expect(await handleAsSet(t.app, SHIPPING, OrderConfirmedV1Contract, asSet, handle)).toEqual(
      asSet.map(() => ({ committed: 'in the set' })),
    );
    await handleOneByOne(t.app, SHIPPING, OrderConfirmedV1Contract, oneByOne, handle);

    const fromSet = await outcomeOf(asSet);
    expect(fromSet).toEqual(await outcomeOf(oneByOne));
    // and what that is: the first confirmation booked (with its own trace), the repeat found it
    const booked = { status: 'CREATED', carrier: 'fake-carrier', booked: true, own_correlation: true };
    expect(fromSet[0]).toEqual({
      row: { ...booked, traceparent: 0 },
      calls: [{ delivery_attempt: 1 }],
      events: [{ type: 'shipping.shipment-created', cause: 0, carrier: 'fake-carrier' }],
    });
    expect(fromSet[1]).toMatchObject({ row: { ...booked, traceparent: 1 } });
    expect(fromSet[3]).toMatchObject({ row: { status: 'CANCELLED', booked: false }, calls: [], events: [] });
  });

  it('blames a refused carrier call on its record alone; the run apart calls the carrier for nobody again', async () => {
    const [refused, accepted] = [randomUUID(), randomUUID()];
    carrier.setMode('fail-transiently'); // every order's first call is refused, its second accepted
    await expect(carrier.createShipment(accepted, orderConfirmed().shippingAddress, [])).rejects.toThrow();
    const set = [confirmation(refused), confirmation(accepted)];

    const outcomes = await handleAsSet(t.app, SHIPPING, OrderConfirmedV1Contract, set, handle);

    expect(outcomes).toEqual([
      { committed: false, error: expect.any(CarrierUnavailableError) },
      { committed: 'alone' },
    ]);
    // one refused call for this attempt, as alone: the run apart threw the kept refusal
    expect(carrier.calls(refused).map((call) => call.outcome)).toEqual(['refused']);
    // and the neighbour booked with the answer its call had in the set, without calling again
    expect(carrier.calls(accepted).map((call) => call.outcome)).toEqual(['refused', 'accepted']);
    expect(await shipmentRows(t, refused)).toEqual([]);
    expect(await shipmentRows(t, accepted)).toEqual([{ status: 'CREATED' }]);

    // its retry goes through, as it would have alone
    expect(await handleAsSet(t.app, SHIPPING, OrderConfirmedV1Contract, [set[0]], handle, 2)).toEqual([
      { committed: 'alone' },
    ]);
    expect(await carrierCalls(t, refused)).toEqual([{ delivery_attempt: 2 }]);
  });

  it('refuses a confirmation with an order id that can never be stored on its record alone', async () => {
    const orderId = randomUUID();
    const set = [confirmation('not-a-uuid'), confirmation(orderId)];

    const outcomes = await handleAsSet(t.app, SHIPPING, OrderConfirmedV1Contract, set, handle);

    expect(outcomes).toEqual([{ committed: false, error: expect.any(PermanentFailure) }, { committed: 'alone' }]);
    expect((outcomes[0] as { error: PermanentFailure }).error.code).toBe('SHIPPING.INVALID_ORDER_ID');
    expect(carrier.calls('not-a-uuid')).toEqual([]);
    expect(await shipmentRows(t, orderId)).toEqual([{ status: 'CREATED' }]);
  });
});
