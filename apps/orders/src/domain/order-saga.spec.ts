import { decideOrderSaga, startOrderSaga } from './order-saga';
import type { OrderSagaState, SagaDecision, SagaEffect, SagaInput, SagaRefusal } from './order-saga.types';

// Given/when/then specs of the order saga: given the replies so far, when one more arrives, then
// the next state, the effects asked for and the timeline written.

const PLACED_AT = new Date('2026-03-01T10:00:00.000Z');
const TIMEOUT_MS = 30_000;
const SOON = new Date(PLACED_AT.getTime() + 1_000);
const PAST_DEADLINE = new Date(PLACED_AT.getTime() + TIMEOUT_MS + 1);

const reserved: SagaInput = { type: 'StockReserved' };
const outOfStock: SagaInput = {
  type: 'StockReservationFailed',
  reason: 'OUT_OF_STOCK',
  detail: 'SKU-1 requested 3, available 1',
};
const released: SagaInput = { type: 'StockReleased' };
const authorized: SagaInput = { type: 'PaymentAuthorized' };
const declined: SagaInput = { type: 'PaymentDeclined', reason: 'DECLINED', detail: 'card declined' };
const voided: SagaInput = { type: 'PaymentVoided' };
const captured: SagaInput = { type: 'PaymentCaptured' };
const refunded: SagaInput = { type: 'PaymentRefunded' };
const dispatched: SagaInput = { type: 'ShipmentDispatched' };
const delivered: SagaInput = { type: 'ShipmentDelivered' };
const deadline: SagaInput = { type: 'DeadlinePassed' };
const customerCancel: SagaInput = { type: 'CustomerCancelled' };

/** the state after the order was placed and these inputs were handled */
function given(...history: SagaInput[]): OrderSagaState {
  return history.reduce<OrderSagaState>((state, input) => {
    const next = decideOrderSaga(state, input, SOON);
    if (!next.ok) throw new Error(`given: ${input.type} was refused`);
    return next.state;
  }, startOrderSaga(PLACED_AT, TIMEOUT_MS).state);
}

function when(state: OrderSagaState, input: SagaInput, now = SOON): SagaDecision {
  const decision = decideOrderSaga(state, input, now);
  if (!decision.ok) throw new Error(`${input.type} was refused: ${decision.code}`);
  return decision;
}

const effectTypes = (d: SagaDecision): string[] => d.effects.map((e) => e.type);
const kinds = (d: SagaDecision): string[] => d.timeline.map((e) => e.kind);
const cancellation = (d: SagaDecision) => d.effects.find((e) => e.type === 'AnnounceCancellation');

function expectNothingChanged(state: OrderSagaState, decision: SagaDecision): void {
  expect(decision.state).toEqual(state);
  expect(decision.effects).toEqual([]);
  expect(decision.timeline).toEqual([]);
}

describe('the order saga', () => {
  describe('placing an order', () => {
    it('starts PENDING with a deadline and asks inventory and payments in parallel', () => {
      const start = startOrderSaga(PLACED_AT, TIMEOUT_MS);
      expect(start.state).toEqual({
        status: 'PENDING',
        stock: 'PENDING',
        payment: 'PENDING',
        shipment: 'NONE',
        deadlineAt: new Date('2026-03-01T10:00:30.000Z'),
      });
      expect(effectTypes(start)).toEqual(['AnnouncePlacement', 'ReserveStock', 'AuthorizePayment']);
      expect(start.timeline).toEqual([{ at: PLACED_AT, kind: 'PLACED', detail: '' }]);
    });
  });

  describe('happy path', () => {
    it('given stock reserved, when the payment is authorized, then the order is confirmed', () => {
      const then = when(given(reserved), authorized);
      expect(then.state).toMatchObject({ status: 'CONFIRMED', stock: 'RESERVED', payment: 'AUTHORIZED' });
      expect(effectTypes(then)).toEqual(['AnnounceConfirmation']);
      expect(kinds(then)).toEqual(['PAYMENT_AUTHORIZED', 'CONFIRMED']);
    });

    it('given the payment authorized, when stock is reserved, then the order is confirmed', () => {
      const then = when(given(authorized), reserved);
      expect(then.state).toMatchObject({ status: 'CONFIRMED', stock: 'RESERVED', payment: 'AUTHORIZED' });
      expect(effectTypes(then)).toEqual(['AnnounceConfirmation']);
      expect(kinds(then)).toEqual(['STOCK_RESERVED', 'CONFIRMED']);
    });

    it('given nothing yet, when only one reply arrives, then the order stays PENDING and nothing is asked', () => {
      const then = when(given(), reserved);
      expect(then.state).toMatchObject({ status: 'PENDING', stock: 'RESERVED', payment: 'PENDING' });
      expect(then.effects).toEqual([]);
      expect(kinds(then)).toEqual(['STOCK_RESERVED']);
    });
  });

  describe('duplicate replies change nothing twice', () => {
    it.each([
      ['stock reserved', reserved],
      ['payment authorized', authorized],
    ])('given a confirmed order, when %s arrives again (new eventId), then nothing happens', (_name, input) => {
      const state = given(reserved, authorized);
      expectNothingChanged(state, when(state, input));
    });

    it('given stock reserved while PENDING, when it arrives again, then nothing happens', () => {
      const state = given(reserved);
      expectNothingChanged(state, when(state, reserved));
    });
  });

  describe('payment declined', () => {
    it('given a PENDING order, when the payment is declined, then it is cancelled and the stock released', () => {
      const then = when(given(), declined);
      expect(then.state).toMatchObject({ status: 'CANCELLED', payment: 'DECLINED', cancelReason: 'PAYMENT_DECLINED' });
      expect(then.effects).toEqual<SagaEffect[]>([
        {
          type: 'AnnounceCancellation',
          reason: 'PAYMENT_DECLINED',
          detail: 'DECLINED: card declined',
          wasConfirmed: false,
        },
        { type: 'ReleaseStock', reason: 'PAYMENT_DECLINED' },
      ]);
      expect(kinds(then)).toEqual(['PAYMENT_DECLINED', 'CANCELLED']);
    });

    it('given stock already reserved, when the payment is declined, then the stock is released', () => {
      const then = when(given(reserved), declined);
      expect(then.state.status).toBe('CANCELLED');
      expect(effectTypes(then)).toEqual(['AnnounceCancellation', 'ReleaseStock']);
    });

    it('given a declined order, when stock is reserved late, then it is released again, once', () => {
      const state = given(declined);
      const then = when(state, reserved);
      expect(then.state).toMatchObject({ status: 'CANCELLED', stock: 'RESERVED' });
      expect(then.effects).toEqual([{ type: 'ReleaseStock', reason: 'PAYMENT_DECLINED' }]);
      expectNothingChanged(then.state, when(then.state, reserved));
    });

    it('given a declined order, when the stock reservation fails too, then it is only recorded', () => {
      const then = when(given(declined), outOfStock);
      expect(then.state).toMatchObject({ status: 'CANCELLED', stock: 'FAILED', cancelReason: 'PAYMENT_DECLINED' });
      expect(then.effects).toEqual([]);
      expect(kinds(then)).toEqual(['STOCK_RESERVATION_FAILED']);
    });
  });

  describe('out of stock', () => {
    it('given a PENDING order, when the reservation fails, then it is cancelled and the payment voided', () => {
      const then = when(given(), outOfStock);
      expect(then.state).toMatchObject({ status: 'CANCELLED', stock: 'FAILED', cancelReason: 'OUT_OF_STOCK' });
      expect(then.effects).toEqual<SagaEffect[]>([
        {
          type: 'AnnounceCancellation',
          reason: 'OUT_OF_STOCK',
          detail: 'SKU-1 requested 3, available 1',
          wasConfirmed: false,
        },
        { type: 'VoidPayment', reason: 'OUT_OF_STOCK' },
      ]);
    });

    it('given a PENDING order, when the reservation fails, then the timeline names the reason once per entry', () => {
      expect(when(given(), outOfStock).timeline.map((e) => [e.kind, e.detail])).toEqual([
        ['STOCK_RESERVATION_FAILED', 'OUT_OF_STOCK: SKU-1 requested 3, available 1'],
        ['CANCELLED', 'OUT_OF_STOCK: SKU-1 requested 3, available 1'],
      ]);
    });

    it('given a PENDING order, when inventory refuses for another reason, then the cancellation keeps its code', () => {
      const unknown: SagaInput = { type: 'StockReservationFailed', reason: 'UNKNOWN_SKU', detail: 'SKU-9 requested 1' };
      expect(when(given(), unknown).timeline.map((e) => [e.kind, e.detail])).toEqual([
        ['STOCK_RESERVATION_FAILED', 'UNKNOWN_SKU: SKU-9 requested 1'],
        ['CANCELLED', 'OUT_OF_STOCK: UNKNOWN_SKU: SKU-9 requested 1'],
      ]);
    });

    it('given the payment already authorized, when the reservation fails, then the authorization is voided', () => {
      const then = when(given(authorized), outOfStock);
      expect(then.state.status).toBe('CANCELLED');
      expect(effectTypes(then)).toEqual(['AnnounceCancellation', 'VoidPayment']);
    });

    it('given an out-of-stock order, when the authorization arrives late, then it is voided again, once', () => {
      const then = when(given(outOfStock), authorized);
      expect(then.state).toMatchObject({ status: 'CANCELLED', payment: 'AUTHORIZED' });
      expect(then.effects).toEqual([{ type: 'VoidPayment', reason: 'OUT_OF_STOCK' }]);
      expectNothingChanged(then.state, when(then.state, authorized));
    });
  });

  describe('timeout', () => {
    it('given a PENDING order, when the sweeper comes before the deadline, then nothing happens', () => {
      const state = given(reserved);
      expectNothingChanged(state, when(state, deadline, SOON));
    });

    it('given a PENDING order past its deadline, then it is cancelled with both compensations', () => {
      const then = when(given(reserved), deadline, PAST_DEADLINE);
      expect(then.state).toMatchObject({ status: 'CANCELLED', cancelReason: 'TIMEOUT' });
      expect(effectTypes(then)).toEqual(['AnnounceCancellation', 'ReleaseStock', 'VoidPayment']);
      expect(cancellation(then)).toMatchObject({ reason: 'TIMEOUT', wasConfirmed: false });
      expect(then.timeline).toEqual([
        { at: PAST_DEADLINE, kind: 'CANCELLED', detail: 'TIMEOUT: no answer by 2026-03-01T10:00:30.000Z' },
      ]);
    });

    it.each([
      ['confirmed', [reserved, authorized]],
      ['already cancelled', [declined]],
    ])('given a %s order, when the deadline passes, then nothing happens', (_name, history) => {
      const state = given(...history);
      expectNothingChanged(state, when(state, deadline, PAST_DEADLINE));
    });

    it('given a timed-out order, when the replies arrive late, then each is compensated', () => {
      const timedOut = when(given(), deadline, PAST_DEADLINE).state;
      const stock = when(timedOut, reserved);
      expect(stock.effects).toEqual([{ type: 'ReleaseStock', reason: 'TIMEOUT' }]);
      const payment = when(stock.state, authorized);
      expect(payment.effects).toEqual([{ type: 'VoidPayment', reason: 'TIMEOUT' }]);
      expect(payment.state).toMatchObject({ status: 'CANCELLED', stock: 'RESERVED', payment: 'AUTHORIZED' });
    });

    it('given a timed-out order, when inventory refuses the reservation its release overtook, then it is only recorded', () => {
      const timedOut = when(given(), deadline, PAST_DEADLINE).state;
      const then = when(timedOut, { type: 'StockReservationFailed', reason: 'ORDER_RELEASED', detail: '' });
      expect(then.state).toMatchObject({ status: 'CANCELLED', stock: 'FAILED', cancelReason: 'TIMEOUT' });
      expect(then.effects).toEqual([]);
      expect(kinds(then)).toEqual(['STOCK_RESERVATION_FAILED']);
    });

    it('given a timed-out order whose release came before any reservation, when stock is reserved, then it is released', () => {
      const timedOut = when(given(), deadline, PAST_DEADLINE).state;
      expectNothingChanged(timedOut, when(timedOut, released));
      const then = when(timedOut, reserved);
      expect(then.effects).toEqual([{ type: 'ReleaseStock', reason: 'TIMEOUT' }]);
      expect(when(then.state, released).state.stock).toBe('RELEASED');
    });
  });

  describe('customer cancellation', () => {
    it('given a PENDING order, then it is cancelled, stock released and the payment voided', () => {
      const then = when(given(reserved), customerCancel);
      expect(then.state).toMatchObject({ status: 'CANCELLED', cancelReason: 'CUSTOMER_REQUEST' });
      expect(then.effects).toEqual<SagaEffect[]>([
        {
          type: 'AnnounceCancellation',
          reason: 'CUSTOMER_REQUEST',
          detail: 'cancelled by the customer',
          wasConfirmed: false,
        },
        { type: 'ReleaseStock', reason: 'CUSTOMER_REQUEST' },
        { type: 'VoidPayment', reason: 'CUSTOMER_REQUEST' },
      ]);
    });

    it('given a confirmed order, then it is cancelled as confirmed and the authorization voided', () => {
      const then = when(given(reserved, authorized), customerCancel);
      expect(cancellation(then)).toMatchObject({ wasConfirmed: true });
      expect(effectTypes(then)).toEqual(['AnnounceCancellation', 'ReleaseStock', 'VoidPayment']);
    });

    it('given a confirmed order whose payment was captured, then the payment is refunded instead', () => {
      const then = when(given(reserved, authorized, captured), customerCancel);
      expect(effectTypes(then)).toEqual(['AnnounceCancellation', 'ReleaseStock', 'RefundPayment']);
    });

    it('given a cancelled order, then cancelling again changes nothing', () => {
      const state = given(reserved, authorized, customerCancel);
      expectNothingChanged(state, when(state, customerCancel));
    });

    it.each([
      ['shipped', [reserved, authorized, dispatched]],
      ['delivered', [reserved, authorized, dispatched, delivered]],
    ])('given a %s order, then the cancellation is refused', (_name, history) => {
      const refusal = decideOrderSaga(given(...history), customerCancel, SOON) as SagaRefusal;
      expect(refusal).toMatchObject({ ok: false, code: 'ORDER.ALREADY_SHIPPED' });
    });
  });

  describe('shipping', () => {
    it('given a confirmed order, when dispatched then delivered, then SHIPPED then DELIVERED', () => {
      const shipped = when(given(reserved, authorized), dispatched);
      expect(shipped.state).toMatchObject({ status: 'SHIPPED', shipment: 'DISPATCHED' });
      expect(kinds(shipped)).toEqual(['SHIPPED']);
      const done = when(shipped.state, delivered);
      expect(done.state).toMatchObject({ status: 'DELIVERED', shipment: 'DELIVERED' });
      expect(kinds(done)).toEqual(['DELIVERED']);
    });

    it('given a delivery that overtook its dispatch, when the dispatch arrives, then nothing changes', () => {
      const state = when(given(reserved, authorized), delivered).state;
      expect(state.status).toBe('DELIVERED');
      expectNothingChanged(state, when(state, dispatched));
    });

    it('given a cancelled confirmed order, when it is dispatched anyway, then the payment is refunded, once', () => {
      const state = given(reserved, authorized, customerCancel);
      const then = when(state, dispatched);
      expect(then.state).toMatchObject({ status: 'CANCELLED', shipment: 'DISPATCHED' });
      expect(then.effects).toEqual([{ type: 'RefundPayment', reason: 'CUSTOMER_REQUEST' }]);
      expectNothingChanged(then.state, when(then.state, dispatched));
      expect(when(then.state, delivered).effects).toEqual([]);
    });

    it('given a PENDING order, when a dispatch arrives, then it is ignored', () => {
      const state = given();
      expectNothingChanged(state, when(state, dispatched));
    });
  });

  describe('bookkeeping replies', () => {
    it('records capture, refund, void and release once each', () => {
      const capturedThen = when(given(reserved, authorized, dispatched), captured);
      expect(capturedThen.state.payment).toBe('CAPTURED');
      expect(kinds(capturedThen)).toEqual(['PAYMENT_CAPTURED']);
      expectNothingChanged(capturedThen.state, when(capturedThen.state, captured));

      const refundedThen = when(capturedThen.state, refunded);
      expect(refundedThen.state.payment).toBe('REFUNDED');
      expectNothingChanged(refundedThen.state, when(refundedThen.state, refunded));

      const cancelled = given(reserved, authorized, customerCancel);
      const voidedThen = when(cancelled, voided);
      expect(voidedThen.state.payment).toBe('VOIDED');
      expect(kinds(voidedThen)).toEqual(['PAYMENT_VOIDED']);
      const releasedThen = when(voidedThen.state, released);
      expect(releasedThen.state.stock).toBe('RELEASED');
      expect(kinds(releasedThen)).toEqual(['STOCK_RELEASED']);
      expectNothingChanged(releasedThen.state, when(releasedThen.state, released));
    });

    it('given a refund that overtook its capture, when the capture arrives, then nothing changes', () => {
      const state = given(reserved, authorized, customerCancel, dispatched, refunded);
      expect(state.payment).toBe('REFUNDED');
      expectNothingChanged(state, when(state, captured));
    });

    it('given a void processed before the authorization, when the authorization arrives, then nothing changes', () => {
      const state = given(outOfStock, voided);
      expectNothingChanged(state, when(state, authorized));
    });
  });
});
