import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PaymentAuthorizedV1Contract, PaymentDeclinedV1Contract } from '@platform/events';
import {
  adminAuth,
  databaseBackends,
  FAST_RETRIES,
  startContextTestApp,
  type Backend,
  type ContextTestApp,
} from '@platform/testing';
import { PaymentsModule } from '../src/payments.module';
import { PaymentsTestKit } from './payments-test-kit';

const PROBLEM_JSON = /^application\/problem\+json/;

/** The payments HTTP surface: the public payment read and the operator's processor switch. */
describe.each(databaseBackends())('payments HTTP API on %s', (backend: Backend) => {
  let t: ContextTestApp;
  let kit: PaymentsTestKit;
  const http = () => request(t.app.getHttpServer());
  const setMode = (mode: string) =>
    http().put('/admin/payments/processor-mode').set('Authorization', adminAuth()).send({ mode });

  beforeAll(async () => {
    t = await startContextTestApp(backend, [PaymentsModule], {
      PAYMENTS_PROCESSOR_TIMEOUT_MS: '50',
      CONSUMER_MAX_ATTEMPTS: '4',
      ...FAST_RETRIES,
    });
    kit = new PaymentsTestKit(t);
  });

  afterEach(async () => {
    await setMode('normal').expect(200);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('GET /payments/:orderId', () => {
    it('answers an authorised payment with status, amount, currency and timestamps, no processor reference', async () => {
      const orderId = randomUUID();
      await kit.authorize(orderId);
      await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId);

      const res = await http().get(`/payments/${orderId}`).expect(200);
      expect(res.body).toEqual({
        orderId,
        status: 'AUTHORIZED',
        amountMinor: 4_999,
        currency: 'EUR',
        declineReason: null,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    });

    it('answers a void that came before any authorisation as VOIDED with no amount', async () => {
      const orderId = randomUUID();
      await kit.awaitHandled((await kit.void(orderId)).eventId);
      const res = await http().get(`/payments/${orderId}`).expect(200);
      expect(res.body).toMatchObject({ orderId, status: 'VOIDED', amountMinor: null, currency: null });
    });

    it('answers 404 problem+json for an order without a payment', async () => {
      const orderId = randomUUID();
      const res = await http().get(`/payments/${orderId}`).expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        status: 404,
        code: 'PAYMENTS.NOT_FOUND',
        detail: expect.stringContaining(orderId),
      });
    });

    it('answers 400 problem+json for an order id that is not a UUID', async () => {
      const res = await http().get('/payments/not-a-uuid').expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
    });
  });

  describe('/admin/payments/processor-mode', () => {
    it('refuses a caller without the admin credential with 401 problem+json', async () => {
      const anonymous = await http().get('/admin/payments/processor-mode').expect(401);
      expect(anonymous.headers['content-type']).toMatch(PROBLEM_JSON);
      const wrong = await http()
        .put('/admin/payments/processor-mode')
        .set('Authorization', 'Bearer not-the-token')
        .send({ mode: 'fail-all' })
        .expect(401);
      expect(wrong.body).toMatchObject({ status: 401 });
      const current = await http().get('/admin/payments/processor-mode').set('Authorization', adminAuth()).expect(200);
      expect(current.body).toEqual({ mode: 'normal' });
    });

    it('refuses an unknown mode or an extra field with 400 problem+json naming the field', async () => {
      const unknown = await setMode('sometimes').expect(400);
      expect(unknown.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(unknown.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'mode' }] });
      const extra = await http()
        .put('/admin/payments/processor-mode')
        .set('Authorization', adminAuth())
        .send({ mode: 'normal', failures: 3 })
        .expect(400);
      expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'failures' })]);
    });

    it('decline-all declines even a good card', async () => {
      expect((await setMode('decline-all').expect(200)).body).toEqual({ mode: 'decline-all' });
      const current = await http().get('/admin/payments/processor-mode').set('Authorization', adminAuth()).expect(200);
      expect(current.body).toEqual({ mode: 'decline-all' });

      const orderId = randomUUID();
      await kit.authorize(orderId, 'tok_visa');
      const [declined] = await kit.awaitPublished(PaymentDeclinedV1Contract, orderId);
      expect(declined).toMatchObject({ reason: 'DECLINED', detail: expect.stringContaining('decline-all') });
    });

    it('fail-all: an authorisation is retried, then declined PROCESSOR_UNAVAILABLE instead of dead-lettered', async () => {
      await setMode('fail-all').expect(200);
      const orderId = randomUUID();
      await kit.authorize(orderId, 'tok_visa');

      const [declined] = await kit.awaitPublished(PaymentDeclinedV1Contract, orderId);
      expect(declined).toMatchObject({ reason: 'PROCESSOR_UNAVAILABLE' });
      // only the last attempt's failure committed; the earlier ones rolled back with their transactions
      expect(await kit.processorCalls(orderId)).toEqual(['authorize:failed']);
      expect(await kit.status(orderId)).toBe('DECLINED');
    });

    it('fail-all: a capture is retried, then dead-lettered, leaving the payment AUTHORIZED for an operator', async () => {
      const orderId = randomUUID();
      await kit.authorize(orderId);
      await kit.awaitPublished(PaymentAuthorizedV1Contract, orderId);
      await setMode('fail-all').expect(200);

      const dispatched = await kit.dispatch(orderId);
      expect(await kit.awaitDeadLetter(dispatched.eventId)).toEqual({
        error_code: 'PAYMENTS.PROCESSOR_UNAVAILABLE',
        attempts: 4,
      });
      expect(await kit.status(orderId)).toBe('AUTHORIZED');
      expect(await kit.processorCalls(orderId)).toEqual(['authorize:authorized']);
    });
  });
});
