import { authorizingPayment, voidTombstone, type Payment, type PaymentTerms } from './payment';
import type { PaymentEvent } from './payment-events';
import { transition, type PaymentInput, type ProcessorAction, type ProcessorAnswer } from './payment-state-machine';

const orderId = '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b';
const terms: PaymentTerms = { orderId, customerId: 'c-1', amountMinor: 4_999, currency: 'EUR' };
const t0 = new Date('2026-03-01T10:00:00Z');
const now = new Date('2026-03-01T10:05:00Z');

const authorizeRequested: PaymentInput = { kind: 'authorize-requested', terms, paymentToken: 'tok_visa' };
const voidRequested: PaymentInput = { kind: 'void-requested', orderId };
const refundRequested: PaymentInput = { kind: 'refund-requested', orderId };
const captureRequested: PaymentInput = { kind: 'capture-requested', orderId };

const authorizing = authorizingPayment(terms, t0);
const authorized: Payment = { ...authorizing, status: 'AUTHORIZED', authorizationId: 'auth_1' };
const declined: Payment = {
  ...authorizing,
  status: 'DECLINED',
  decline: { reason: 'DECLINED', detail: 'card declined' },
};
const voided: Payment = { ...authorized, status: 'VOIDED' };
const captured: Payment = { ...authorized, status: 'CAPTURED' };
const refunded: Payment = { ...authorized, status: 'REFUNDED' };
const tombstone = voidTombstone(orderId, t0);

const authorizedEvent: PaymentEvent = {
  type: 'payment-authorized',
  orderId,
  authorizationId: 'auth_1',
  amountMinor: 4_999,
  currency: 'EUR',
};
const voidedEvent: PaymentEvent = { type: 'payment-voided', orderId, authorizationId: 'auth_1' };

/**
 * A multi-step workflow as the handler runs it: each processor action is answered by `processor`
 * and fed back in, until the machine asks for nothing more.
 */
function run(
  given: Payment | null,
  when: PaymentInput,
  processor: (action: ProcessorAction) => ProcessorAnswer = answerOk,
): { payment: Payment | null; events: PaymentEvent[]; calls: string[]; ignored?: string } {
  let payment = given;
  let input: PaymentInput | null = when;
  const events: PaymentEvent[] = [];
  const calls: string[] = [];
  let ignored: string | undefined;
  while (input) {
    const step = transition(payment, input, now);
    payment = step.payment;
    events.push(...step.events);
    ignored ??= step.ignored;
    if (step.action) calls.push(step.action.op);
    input = step.action ? processor(step.action) : null;
  }
  return { payment, events, calls, ignored };
}

function answerOk(action: ProcessorAction): ProcessorAnswer {
  switch (action.op) {
    case 'authorize':
      return { kind: 'processor-authorized', authorizationId: 'auth_1' };
    case 'void':
      return { kind: 'processor-voided' };
    case 'capture':
      return { kind: 'processor-captured' };
    case 'refund':
      return { kind: 'processor-refunded' };
  }
}

describe('payment state machine', () => {
  describe('authorize-payment', () => {
    it('given no payment, asks the processor to authorise with the orderId as idempotency key', () => {
      const step = transition(null, authorizeRequested, now);
      expect(step.payment).toMatchObject({ status: 'AUTHORIZING', terms, voidRequested: false });
      expect(step.action).toEqual({
        op: 'authorize',
        orderId,
        paymentToken: 'tok_visa',
        amountMinor: 4_999,
        currency: 'EUR',
        idempotencyKey: orderId,
      });
      expect(step.events).toEqual([]);
    });

    it('given a payment being authorised (the row just recorded), asks the processor', () => {
      expect(transition(authorizing, authorizeRequested, now).action).toMatchObject({ op: 'authorize' });
    });

    it('when the processor authorises, then AUTHORIZED and payment-authorized', () => {
      const result = run(authorizing, authorizeRequested);
      expect(result.payment).toMatchObject({ status: 'AUTHORIZED', authorizationId: 'auth_1', updatedAt: now });
      expect(result.events).toEqual([authorizedEvent]);
      expect(result.calls).toEqual(['authorize']);
    });

    it.each(['DECLINED', 'TIMEOUT', 'PROCESSOR_UNAVAILABLE'] as const)(
      'when the processor declines with %s, then DECLINED and payment-declined with that reason',
      (reason) => {
        const result = run(authorizing, authorizeRequested, () => ({
          kind: 'processor-declined',
          reason,
          detail: 'why',
        }));
        expect(result.payment).toMatchObject({ status: 'DECLINED', decline: { reason, detail: 'why' } });
        expect(result.events).toEqual([{ type: 'payment-declined', orderId, reason, detail: 'why' }]);
      },
    );

    it('given AUTHORIZED, a repeated command re-publishes payment-authorized without calling the processor', () => {
      const result = run(authorized, authorizeRequested);
      expect(result).toMatchObject({ payment: authorized, events: [authorizedEvent], calls: [] });
    });

    it('given DECLINED, a repeated command re-publishes the same payment-declined without calling the processor', () => {
      const result = run(declined, authorizeRequested);
      expect(result.calls).toEqual([]);
      expect(result.events).toEqual([
        { type: 'payment-declined', orderId, reason: 'DECLINED', detail: 'card declined' },
      ]);
    });

    it.each([
      ['voided', voided],
      ['captured', captured],
      ['refunded', refunded],
    ])('given %s, a late repeated command changes nothing and publishes nothing', (_, given) => {
      const result = run(given, authorizeRequested);
      expect(result).toMatchObject({ payment: given, events: [], calls: [] });
      expect(result.ignored).toMatch(/authorisation requested again/);
    });

    it('given a void tombstone (void came first), authorises then voids at once: authorized, then voided', () => {
      const result = run(tombstone, authorizeRequested);
      expect(result.calls).toEqual(['authorize', 'void']);
      expect(result.events).toEqual([authorizedEvent, voidedEvent]);
      expect(result.payment).toMatchObject({ status: 'VOIDED', authorizationId: 'auth_1', terms });
    });

    it('given a void tombstone, a declined authorisation ends DECLINED with nothing to void', () => {
      const result = run(tombstone, authorizeRequested, () => ({
        kind: 'processor-declined',
        reason: 'DECLINED',
        detail: 'card declined',
      }));
      expect(result.calls).toEqual(['authorize']);
      expect(result.payment).toMatchObject({ status: 'DECLINED' });
      expect(result.events.map((e) => e.type)).toEqual(['payment-declined']);
    });
  });

  describe('void-payment', () => {
    it('given AUTHORIZED, voids at the processor: VOIDED and payment-voided', () => {
      const result = run(authorized, voidRequested);
      expect(result.calls).toEqual(['void']);
      expect(result.payment).toMatchObject({ status: 'VOIDED', authorizationId: 'auth_1' });
      expect(result.events).toEqual([voidedEvent]);
    });

    it('given no payment, records a tombstone and publishes nothing (nothing is held)', () => {
      const result = run(null, voidRequested);
      expect(result.payment).toEqual(voidTombstone(orderId, now));
      expect(result).toMatchObject({ events: [], calls: [] });
    });

    it('given a payment still being authorised, remembers the void for when the authorisation lands', () => {
      const step = transition(authorizing, voidRequested, now);
      expect(step).toMatchObject({ action: null, events: [], payment: { status: 'AUTHORIZING', voidRequested: true } });
      const answered = transition(step.payment, { kind: 'processor-authorized', authorizationId: 'auth_1' }, now);
      expect(answered.events).toEqual([authorizedEvent]);
      expect(answered.action).toMatchObject({ op: 'void', authorizationId: 'auth_1' });
    });

    it('given VOIDED, a repeated void re-publishes payment-voided without calling the processor', () => {
      expect(run(voided, voidRequested)).toMatchObject({ payment: voided, events: [voidedEvent], calls: [] });
    });

    it.each([
      ['declined', declined],
      ['a tombstone', tombstone],
      ['captured', captured],
      ['refunded', refunded],
    ])('given %s, does nothing and publishes nothing', (_, given) => {
      const result = run(given, voidRequested);
      expect(result).toMatchObject({ payment: given, events: [], calls: [] });
      expect(result.ignored).toBeDefined();
    });
  });

  describe('refund-payment', () => {
    it('given CAPTURED, refunds at the processor: REFUNDED and payment-refunded', () => {
      const result = run(captured, refundRequested);
      expect(result.calls).toEqual(['refund']);
      expect(result.payment).toMatchObject({ status: 'REFUNDED' });
      expect(result.events).toEqual([{ type: 'payment-refunded', orderId, amountMinor: 4_999, currency: 'EUR' }]);
    });

    it('given AUTHORIZED (not captured yet), voids instead: VOIDED and payment-voided', () => {
      const result = run(authorized, refundRequested);
      expect(result.calls).toEqual(['void']);
      expect(result.events).toEqual([voidedEvent]);
    });

    it.each([
      ['no payment', null],
      ['declined', declined],
      ['voided', voided],
      ['refunded', refunded],
    ])('given %s, does nothing', (_, given) => {
      const result = run(given, refundRequested);
      expect(result).toMatchObject({ payment: given, events: [], calls: [] });
      expect(result.ignored).toMatch(/nothing to refund/);
    });
  });

  describe('shipment dispatched', () => {
    it('given AUTHORIZED, captures the authorised amount: CAPTURED and payment-captured', () => {
      const result = run(authorized, captureRequested);
      expect(result.calls).toEqual(['capture']);
      expect(result.payment).toMatchObject({ status: 'CAPTURED' });
      expect(result.events).toEqual([{ type: 'payment-captured', orderId, amountMinor: 4_999, currency: 'EUR' }]);
    });

    it.each([
      ['no payment', null],
      ['captured (a redelivered dispatch)', captured],
      ['declined', declined],
      ['voided', voided],
    ])('given %s, captures nothing and says why', (_, given) => {
      const result = run(given, captureRequested);
      expect(result).toMatchObject({ payment: given, events: [], calls: [] });
      expect(result.ignored).toMatch(/nothing captured/);
    });
  });

  describe('processor answers', () => {
    it('refuses an answer the machine did not ask for (a bug, not a business outcome)', () => {
      expect(() => transition(captured, { kind: 'processor-authorized', authorizationId: 'x' }, now)).toThrow(
        /cannot become AUTHORIZED/,
      );
      expect(() => transition(null, { kind: 'processor-voided' }, now)).toThrow(/without a payment/);
    });
  });
});
