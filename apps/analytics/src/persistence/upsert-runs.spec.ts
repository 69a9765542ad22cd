import type { OrderFactChange } from '../domain/order-fact-change';
import { upsertRuns } from './order-facts.projection';

const change = (orderId: string, detailsFinal = false): OrderFactChange => ({
  orderId,
  milestone: detailsFinal ? 'confirmed' : 'placed',
  status: detailsFinal ? 'CONFIRMED' : 'PLACED',
  at: new Date('2026-01-01T00:00:00Z'),
  detailsFinal,
});

describe('upsertRuns', () => {
  it('keeps a set of distinct orders in one run', () => {
    expect(upsertRuns([change('a'), change('b'), change('c')]).map((run) => run.length)).toEqual([3]);
  });

  it('starts a new run where an order repeats or the details flag changes, keeping arrival order', () => {
    // given
    const changes = [change('a'), change('b'), change('a'), change('c'), change('d', true)];
    // when
    const runs = upsertRuns(changes);
    // then
    expect(runs.map((run) => run.map((c) => c.orderId))).toEqual([['a', 'b'], ['a', 'c'], ['d']]);
  });
});
