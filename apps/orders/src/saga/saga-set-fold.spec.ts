import { decideOrderSaga, startOrderSaga } from '../domain/order-saga';
import type { OrderSagaState, SagaInput } from '../domain/order-saga.types';
import { foldSagaSet, type OrderSagaInput } from './saga-set-fold';

// Given the sagas locked for a set, when its inputs are folded, then each order moves as its inputs
// would move it one by one, and the first input that cannot be applied fails the whole set.

const NOW = new Date('2026-03-01T10:00:01.000Z');
const placed = startOrderSaga(new Date('2026-03-01T10:00:00.000Z'), 30_000).state;
const shipped = after(placed, { type: 'StockReserved' }, { type: 'PaymentAuthorized' }, { type: 'ShipmentDispatched' });

function after(state: OrderSagaState, ...inputs: SagaInput[]): OrderSagaState {
  return inputs.reduce((s, input) => {
    const decision = decideOrderSaga(s, input, NOW);
    if (!decision.ok) throw new Error(`${input.type} refused`);
    return decision.state;
  }, state);
}

const input = (orderId: string, type: SagaInput['type']): OrderSagaInput =>
  ({ orderId, input: { type }, metadata: { correlationId: `${orderId}-${type}` } }) as OrderSagaInput;

describe('folding a set of saga inputs', () => {
  it('applies two inputs of one order in arrival order, and saves only the orders that moved', () => {
    // given
    const locked = new Map([
      ['a', placed],
      ['b', after(placed, { type: 'StockReserved' })],
    ]);
    // when
    const folded = foldSagaSet(
      locked,
      [input('a', 'StockReserved'), input('b', 'StockReserved'), input('a', 'PaymentAuthorized')],
      NOW,
    );
    // then
    if (folded.kind !== 'folded') throw new Error(folded.kind);
    expect(folded.states.get('a')).toMatchObject({ status: 'CONFIRMED', stock: 'RESERVED', payment: 'AUTHORIZED' });
    expect(folded.states.get('b')).toBe(locked.get('b')); // a duplicate reservation changes nothing
    expect([...folded.changed]).toEqual(['a']);
    expect(folded.timeline.flatMap((t) => t.entries.map((e) => [t.orderId, e.kind]))).toEqual([
      ['a', 'STOCK_RESERVED'],
      ['a', 'PAYMENT_AUTHORIZED'],
      ['a', 'CONFIRMED'],
    ]);
    expect(folded.effects).toEqual([{ index: 2, effects: [{ type: 'AnnounceConfirmation' }] }]);
  });

  it('fails the set at its first unknown order or refused input', () => {
    const locked = new Map([['shipped', shipped]]);
    expect(foldSagaSet(locked, [input('shipped', 'ShipmentDelivered'), input('x', 'StockReserved')], NOW)).toEqual({
      kind: 'unknown-order',
      index: 1,
    });
    expect(foldSagaSet(locked, [input('shipped', 'CustomerCancelled')], NOW)).toMatchObject({
      kind: 'refused',
      index: 0,
      code: 'ORDER.ALREADY_SHIPPED',
    });
  });
});
