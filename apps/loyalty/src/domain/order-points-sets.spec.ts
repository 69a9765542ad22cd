import { NO_HISTORY, type OrderPointsState } from './order-points';
import { decideCredits, decideReversals } from './order-points-sets';

const credited: OrderPointsState = { credit: { customerId: 'c-1', points: 123 }, reversed: false, closed: false };

describe('decideCredits', () => {
  it('given an order confirmed twice in the set, then only the first confirmation credits', () => {
    // given
    const confirmations = [
      { orderId: 'o1', customerId: 'c-1', totalMinor: 12_345 },
      { orderId: 'o1', customerId: 'c-1', totalMinor: 12_345 },
    ];
    // when
    const decisions = decideCredits(confirmations, new Map(), 1);
    // then
    expect(decisions).toEqual([
      { kind: 'credit', points: 123 },
      { kind: 'skip', reason: 'ALREADY_CREDITED' },
    ]);
  });

  it('given the orders as loaded, then each is decided on its own state', () => {
    // given
    const states = new Map([
      ['credited', credited],
      ['closed', { ...NO_HISTORY, closed: true }],
    ]);
    const confirm = (orderId: string) => ({ orderId, customerId: 'c-1', totalMinor: 12_345 });
    // when
    const decisions = decideCredits([confirm('credited'), confirm('closed'), confirm('new')], states, 1);
    // then
    expect(decisions.map((d) => d.kind)).toEqual(['skip', 'skip', 'credit']);
  });
});

describe('decideReversals', () => {
  it('given a credited order cancelled twice in the set, then it is reversed once', () => {
    // when
    const decisions = decideReversals(['o1', 'o1', 'never-credited'], new Map([['o1', credited]]));
    // then
    expect(decisions).toEqual([
      { kind: 'reverse', customerId: 'c-1', points: -123 },
      { kind: 'skip', reason: 'ALREADY_REVERSED' },
      { kind: 'skip', reason: 'NOTHING_CREDITED' },
    ]);
  });
});
