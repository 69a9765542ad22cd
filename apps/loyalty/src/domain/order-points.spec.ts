import { decideCredit, decideReversal, NO_HISTORY, type OrderPointsState } from './order-points';

const credited: OrderPointsState = { credit: { customerId: 'c-1', points: 123 }, reversed: false, closed: false };

describe('decideCredit', () => {
  it('given no history, when the order is confirmed, then it earns its points', () => {
    expect(decideCredit(NO_HISTORY, 12_345, 1)).toEqual({ kind: 'credit', points: 123 });
  });

  it('given a credit, when the confirmation comes again, then nothing more is credited', () => {
    expect(decideCredit(credited, 12_345, 1)).toEqual({ kind: 'skip', reason: 'ALREADY_CREDITED' });
  });

  it('given the order was closed first (cancellation overtook confirmation), then nothing is credited', () => {
    expect(decideCredit({ reversed: false, closed: true }, 12_345, 1)).toEqual({
      kind: 'skip',
      reason: 'ORDER_CLOSED',
    });
  });

  it('given a total below one unit, then there is nothing to credit', () => {
    expect(decideCredit(NO_HISTORY, 99, 1)).toEqual({ kind: 'skip', reason: 'NO_POINTS' });
  });

  it.each([-1, 1.5, Number.NaN])('refuses a total of %p for good', (totalMinor) => {
    expect(decideCredit(NO_HISTORY, totalMinor, 1)).toMatchObject({ kind: 'refuse', code: 'LOYALTY.INVALID_TOTAL' });
  });
});

describe('decideReversal', () => {
  it('given a credit, when the order is cancelled or refunded, then exactly its points are taken back', () => {
    expect(decideReversal(credited)).toEqual({ kind: 'reverse', customerId: 'c-1', points: -123 });
  });

  it('given a reversal already, then nothing more is taken back', () => {
    expect(decideReversal({ ...credited, reversed: true, closed: true })).toEqual({
      kind: 'skip',
      reason: 'ALREADY_REVERSED',
    });
  });

  it('given no credit (cancelled before confirmation), then there is nothing to reverse', () => {
    expect(decideReversal(NO_HISTORY)).toEqual({ kind: 'skip', reason: 'NOTHING_CREDITED' });
  });
});
