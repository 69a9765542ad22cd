import { randomUUID } from 'node:crypto';
import { AuthorizePaymentV1Contract, type AuthorizePaymentV1, type EventEnvelope } from '@platform/events';
import { PermanentFailure } from '@platform/messaging';
import {
  databaseBackends,
  envelopeOf,
  handleAsSet,
  handleOneByOne,
  outboxEvents,
  startContextTestApp,
  type Backend,
  type ContextTestApp,
  type SetHandler,
} from '@platform/testing';
import { FakePaymentProcessor } from '../src/adapters/fake-payment-processor';
import { AuthorizePaymentWhenRequested } from '../src/commands/authorize-payment/authorize-payment-when-requested.subscription';
import { PAYMENTS } from '../src/context';
import { ProcessorUnavailableError } from '../src/domain/payment-processor.port';
import { PaymentsModule } from '../src/payments.module';
import { PaymentsTestKit } from './payments-test-kit';

/**
 * AuthorizePaymentWhenRequested takes a consumer set at once: the same rows, journal and events
 * as handling its records one by one, and a failing processor call blamed on its record alone.
 */
describe.each(databaseBackends())('authorising payments in sets on %s', (backend: Backend) => {
  let t: ContextTestApp;
  let kit: PaymentsTestKit;
  let handle: SetHandler<AuthorizePaymentV1>;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [PaymentsModule], {
      PAYMENTS_PROCESSOR_TIMEOUT_MS: '50',
      PAYMENTS_FLAKY_FAILURES: '2',
      CONSUMER_MAX_ATTEMPTS: '5',
    });
    kit = new PaymentsTestKit(t);
    const subscription = t.app.get(AuthorizePaymentWhenRequested);
    handle = (events, set) => subscription.handle(events, set);
  });

  afterAll(async () => {
    await t?.close();
  });

  const request = (orderId: string, paymentToken: string, amountMinor = 4_999) =>
    envelopeOf(AuthorizePaymentV1Contract, {
      orderId,
      customerId: 'customer-1',
      amountMinor,
      currency: 'EUR',
      paymentToken,
    });

  /** four orders: authorised (and asked again with a new event id), declined, timed out, authorised */
  function requests(): Array<EventEnvelope<AuthorizePaymentV1>> {
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    return [
      request(a, 'tok_visa'),
      request(b, 'tok_decline'),
      request(a, 'tok_visa'),
      request(c, 'tok_timeout'),
      request(d, 'tok_mastercard'),
    ];
  }

  /** what the requests left, by their place in the list: the payment, its journal, its events and their causes */
  async function outcomeOf(envelopes: ReadonlyArray<EventEnvelope<AuthorizePaymentV1>>): Promise<unknown[]> {
    const published = await outboxEvents(t.app, t.db, PAYMENTS);
    const placeOf = (eventId: string | undefined) => envelopes.findIndex((e) => e.eventId === eventId);
    return Promise.all(
      envelopes.map(async ({ payload: { orderId } }) => {
        const [row] = await t.db.query(
          'SELECT status, amount_minor, reason, reason_detail FROM payments.payment WHERE order_id = $1',
          [orderId],
        );
        const events = published
          .filter((e) => e.key === orderId)
          .map((e) => ({ type: e.type, cause: placeOf(e.causationId), payload: withoutIds(e.payload) }));
        return { row, journal: await kit.processorCalls(orderId), events };
      }),
    );
  }

  it('leaves the same payments, journal and events as one by one, a repeated order folded in arrival order', async () => {
    const asSet = requests();
    const oneByOne = requests();

    expect(await handleAsSet(t.app, PAYMENTS, AuthorizePaymentV1Contract, asSet, handle)).toEqual(
      asSet.map(() => ({ committed: 'in the set' })),
    );
    await handleOneByOne(t.app, PAYMENTS, AuthorizePaymentV1Contract, oneByOne, handle);

    const fromSet = await outcomeOf(asSet);
    expect(fromSet).toEqual(await outcomeOf(oneByOne));
    // and what that is: the repeated order charged once and answered twice
    expect(fromSet[0]).toEqual({
      row: { status: 'AUTHORIZED', amount_minor: '4999', reason: null, reason_detail: null },
      journal: ['authorize:authorized'],
      events: [
        { type: 'payments.payment-authorized', cause: 0, payload: { amountMinor: 4_999, currency: 'EUR' } },
        { type: 'payments.payment-authorized', cause: 2, payload: { amountMinor: 4_999, currency: 'EUR' } },
      ],
    });
    expect(fromSet[3]).toMatchObject({ row: { status: 'DECLINED', reason: 'TIMEOUT' } });
  });

  it('blames a failing processor call on its record alone, and does not call again for it in the run apart', async () => {
    const [good, flaky, other] = [randomUUID(), randomUUID(), randomUUID()];
    const set = [request(good, 'tok_visa'), request(flaky, 'tok_flaky'), request(other, 'tok_visa')];

    const outcomes = await handleAsSet(t.app, PAYMENTS, AuthorizePaymentV1Contract, set, handle);

    expect(outcomes[0]).toEqual({ committed: 'alone' });
    expect(outcomes[2]).toEqual({ committed: 'alone' });
    expect(outcomes[1]).toEqual({ committed: false, error: expect.any(ProcessorUnavailableError) });
    expect((outcomes[1] as { error: Error }).error.message).toBe('transient failure 1 of 2 (tok_flaky)');
    // one failed call for this attempt, as alone: the run apart threw the kept failure
    const processor = t.app.get(FakePaymentProcessor);
    expect(processor.transientFailuresFor(flaky)).toBe(1);
    expect(await kit.status(flaky)).toBeUndefined();
    // the neighbours committed; their second call was the processor replaying its first answer
    expect(await kit.status(good)).toBe('AUTHORIZED');
    expect(await kit.processorCalls(good)).toEqual(['authorize:replayed']);

    // the failing record's retries go as they would have alone: one more failure, then authorised
    const [retried] = [set[1]];
    const second = await handleAsSet(t.app, PAYMENTS, AuthorizePaymentV1Contract, [retried], handle, 2);
    expect(second).toEqual([{ committed: false, error: expect.any(ProcessorUnavailableError) }]);
    expect(await handleAsSet(t.app, PAYMENTS, AuthorizePaymentV1Contract, [retried], handle, 3)).toEqual([
      { committed: 'alone' },
    ]);
    expect(processor.transientFailuresFor(flaky)).toBe(2);
    expect(await kit.status(flaky)).toBe('AUTHORIZED');
  });

  it('refuses a request that can never succeed on its record alone, charging nothing for it', async () => {
    const [good, bad] = [randomUUID(), randomUUID()];
    const set = [request(good, 'tok_visa'), request(bad, 'tok_visa', 0)];

    const outcomes = await handleAsSet(t.app, PAYMENTS, AuthorizePaymentV1Contract, set, handle);

    expect(outcomes[0]).toEqual({ committed: 'alone' });
    expect(outcomes[1]).toEqual({ committed: false, error: expect.any(PermanentFailure) });
    expect((outcomes[1] as { error: PermanentFailure }).error.code).toBe('PAYMENTS.INVALID_AMOUNT');
    expect(await kit.processorCalls(bad)).toEqual([]);
    expect(await kit.status(bad)).toBeUndefined();
    expect(await kit.status(good)).toBe('AUTHORIZED');
  });
});

/** a payload without the ids that differ between two runs */
function withoutIds(payload: unknown): unknown {
  const rest: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
  delete rest.orderId;
  delete rest.authorizationId;
  return rest;
}
