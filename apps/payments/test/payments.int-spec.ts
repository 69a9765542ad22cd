import { randomUUID } from 'node:crypto';
import {
  PaymentAuthorizedV1Contract,
  PaymentCapturedV1Contract,
  PaymentDeclinedV1Contract,
  PaymentRefundedV1Contract,
  PaymentVoidedV1Contract,
} from '@platform/events';
import {
  databaseBackends,
  FAST_RETRIES,
  outboxEvents,
  startContextTestApp,
  type Backend,
  type ContextTestApp,
} from '@platform/testing';
import { FakePaymentProcessor } from '../src/adapters/fake-payment-processor';
import { PaymentsModule } from '../src/payments.module';
import { PaymentsTestKit } from './payments-test-kit';

/**
 * The payments context alone, driven by the commands and events it consumes: at most one charge
 * per order whatever is redelivered, the fake processor's test tokens, and late or reordered
 * requests that must never leave money held.
 */
describe.each(databaseBackends())('payments on %s', (backend: Backend) => {
  let t: ContextTestApp;
  let kit: PaymentsTestKit;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [PaymentsModule], {
      PAYMENTS_PROCESSOR_TIMEOUT_MS: '50',
      PAYMENTS_FLAKY_FAILURES: '2',
      CONSUMER_MAX_ATTEMPTS: '5',
      ...FAST_RETRIES,
    });
    kit = new PaymentsTestKit(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('authorises tok_visa: payment-authorized in the outbox, one processor call, AUTHORIZED', async () => {
    const orderId = randomUUID();
    const command = await kit.authorize(orderId);

    const [authorized] = await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId);
    expect(authorized).toEqual({
      orderId,
      authorizationId: expect.stringMatching(/^auth_/),
      amountMinor: 4_999,
      currency: 'EUR',
    });
    expect(await kit.processorCalls(orderId)).toEqual(['authorize:authorized']);
    expect(await kit.status(orderId)).toBe('AUTHORIZED');
    const [envelope] = (await outboxEvents(t.app, t.db, 'payments', PaymentAuthorizedV1Contract)).filter(
      (e) => e.payload.orderId === orderId,
    );
    expect(envelope).toMatchObject({ causationId: command.eventId, correlationId: 'test-correlation', key: orderId });
  });

  it('declines tok_decline with reason DECLINED; a repeated command re-publishes it without calling again', async () => {
    const orderId = randomUUID();
    await kit.authorize(orderId, 'tok_decline');
    const [declined] = await kit.awaitPublished(PaymentDeclinedV1Contract, orderId);
    expect(declined).toEqual({ orderId, reason: 'DECLINED', detail: 'card declined' });

    await kit.authorize(orderId, 'tok_decline');
    expect(await kit.awaitPublished(PaymentDeclinedV1Contract, orderId, 2)).toEqual([declined, declined]);
    expect(await kit.processorCalls(orderId)).toEqual(['authorize:declined']);
    expect(await kit.status(orderId)).toBe('DECLINED');
  });

  it('retries tok_flaky through the pipeline and authorises exactly once', async () => {
    const orderId = randomUUID();
    await kit.authorize(orderId, 'tok_flaky');

    await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId);
    expect(t.app.get(FakePaymentProcessor).transientFailuresFor(orderId)).toBe(2);
    // the failed attempts rolled back with their transactions: one authorisation, nothing else
    expect(await kit.processorCalls(orderId)).toEqual(['authorize:authorized']);
    expect(await kit.published(PaymentDeclinedV1Contract, orderId)).toEqual([]);
  });

  it('gives up on tok_timeout after PAYMENTS_PROCESSOR_TIMEOUT_MS: declined with reason TIMEOUT', async () => {
    const orderId = randomUUID();
    await kit.authorize(orderId, 'tok_timeout');

    const [declined] = await kit.awaitPublished(PaymentDeclinedV1Contract, orderId);
    expect(declined).toMatchObject({ orderId, reason: 'TIMEOUT', detail: expect.stringContaining('50 ms') });
    expect(await kit.processorCalls(orderId)).toEqual(['authorize:timeout']);
    expect(await kit.status(orderId)).toBe('DECLINED');
  });

  it('skips a redelivered command and answers a duplicate with a new eventId without a second charge', async () => {
    const orderId = randomUUID();
    const first = await kit.authorize(orderId);
    const [authorized] = await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId);

    await kit.authorize(orderId, 'tok_visa', first.eventId); // same eventId: the inbox skips it
    await kit.authorize(orderId); // new eventId, same order: re-published, not re-charged
    const events = await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId, 2);

    expect(events).toEqual([authorized, authorized]);
    expect(await kit.processorCalls(orderId)).toEqual(['authorize:authorized']);
  });

  it('a failure after the processor answered and before commit is retried as a replay, not a second charge', async () => {
    const orderId = randomUUID();
    // fails this order's first UPDATE once; a sequence is not rolled back, so the retry passes
    await t.db.query('CREATE SEQUENCE IF NOT EXISTS payments.test_crash_once');
    await t.db.query(`
      CREATE OR REPLACE FUNCTION payments.test_crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.order_id = '${orderId}' AND nextval('payments.test_crash_once') = 1 THEN
          RAISE EXCEPTION 'injected crash before commit';
        END IF;
        RETURN NEW;
      END $$`);
    await t.db.query(
      'CREATE TRIGGER test_crash_once BEFORE UPDATE ON payments.payment FOR EACH ROW EXECUTE FUNCTION payments.test_crash_once()',
    );
    try {
      await kit.authorize(orderId);
      const events = await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId);

      expect(events).toHaveLength(1);
      // the first attempt's 'authorized' rolled back with it; the processor kept the answer and replayed it
      expect(await kit.processorCalls(orderId)).toEqual(['authorize:replayed']);
      expect(await kit.status(orderId)).toBe('AUTHORIZED');
    } finally {
      await t.db.query('DROP TRIGGER test_crash_once ON payments.payment');
    }
  });

  it('voids an authorisation; a repeated void re-publishes payment-voided without a second void', async () => {
    const orderId = randomUUID();
    await kit.authorize(orderId);
    const [{ authorizationId }] = await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId);

    await kit.void(orderId);
    expect(await kit.awaitPublished(PaymentVoidedV1Contract, orderId)).toEqual([{ orderId, authorizationId }]);
    await kit.void(orderId);
    await kit.awaitPublished(PaymentVoidedV1Contract, orderId, 2);

    expect(await kit.status(orderId)).toBe('VOIDED');
    expect(await kit.processorCalls(orderId)).toEqual(['authorize:authorized', 'void:voided']);
  });

  it('releases an authorisation that arrives after its void: authorized then voided, nothing held', async () => {
    const orderId = randomUUID();
    const voidCommand = await kit.void(orderId);
    await kit.awaitHandled(voidCommand.eventId);
    expect(await kit.status(orderId)).toBe('VOIDED'); // the tombstone
    expect(await kit.timeline(orderId)).toEqual([]);

    await kit.authorize(orderId);
    const [voided] = await kit.awaitPublished(PaymentVoidedV1Contract, orderId);

    expect(await kit.timeline(orderId)).toEqual(['payment-authorized', 'payment-voided']);
    const [authorized] = await kit.published(PaymentAuthorizedV1Contract, orderId);
    expect(voided.authorizationId).toBe(authorized.authorizationId);
    expect(await kit.processorCalls(orderId)).toEqual(['authorize:authorized', 'void:voided']);
    expect(await kit.status(orderId)).toBe('VOIDED');
  });

  it('captures once on dispatch, however often the dispatch is delivered', async () => {
    const orderId = randomUUID();
    await kit.authorize(orderId);
    await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId);

    const dispatched = await kit.dispatch(orderId);
    expect(await kit.awaitPublished(PaymentCapturedV1Contract, orderId)).toEqual([
      { orderId, amountMinor: 4_999, currency: 'EUR' },
    ]);
    await kit.dispatch(orderId, dispatched.eventId); // redelivered: skipped by the inbox
    const again = await kit.dispatch(orderId); // new eventId: CAPTURED already, nothing to do
    await kit.awaitHandled(again.eventId);

    expect(await kit.published(PaymentCapturedV1Contract, orderId)).toHaveLength(1);
    expect(await kit.processorCalls(orderId)).toEqual(['authorize:authorized', 'capture:captured']);
    expect(await kit.status(orderId)).toBe('CAPTURED');
  });

  it('refunds a captured payment', async () => {
    const orderId = randomUUID();
    await kit.authorize(orderId);
    await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId);
    await kit.dispatch(orderId);
    await kit.awaitPublished(PaymentCapturedV1Contract, orderId);

    await kit.refund(orderId);
    expect(await kit.awaitPublished(PaymentRefundedV1Contract, orderId)).toEqual([
      { orderId, amountMinor: 4_999, currency: 'EUR' },
    ]);
    expect(await kit.status(orderId)).toBe('REFUNDED');
    expect(await kit.processorCalls(orderId)).toEqual(['authorize:authorized', 'capture:captured', 'refund:refunded']);
  });

  it('voids instead of refunding a payment that was never captured', async () => {
    const orderId = randomUUID();
    await kit.authorize(orderId);
    await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId);

    await kit.refund(orderId);
    await kit.awaitPublished(PaymentVoidedV1Contract, orderId);
    expect(await kit.published(PaymentRefundedV1Contract, orderId)).toEqual([]);
    expect(await kit.processorCalls(orderId)).toEqual(['authorize:authorized', 'void:voided']);
  });

  it('dead-letters a command that can never succeed, charging nothing', async () => {
    const orderId = randomUUID();
    const bad = await kit.authorize(orderId, 'tok_visa', undefined, { amountMinor: 0 });

    expect(await kit.awaitDeadLetter(bad.eventId)).toEqual({ error_code: 'PAYMENTS.INVALID_AMOUNT', attempts: 1 });
    expect(await kit.status(orderId)).toBeUndefined();
    expect(await kit.processorCalls(orderId)).toEqual([]);
  });
});
