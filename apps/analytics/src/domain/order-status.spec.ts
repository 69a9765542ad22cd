import { laterStatus, ORDER_STATUSES, type OrderStatus } from './order-status';

describe('laterStatus', () => {
  it.each<[OrderStatus, OrderStatus, OrderStatus]>([
    ['PLACED', 'CONFIRMED', 'CONFIRMED'],
    ['CONFIRMED', 'DISPATCHED', 'DISPATCHED'],
    ['DISPATCHED', 'DELIVERED', 'DELIVERED'],
    ['DELIVERED', 'CONFIRMED', 'DELIVERED'],
    ['CONFIRMED', 'PLACED', 'CONFIRMED'],
    ['CONFIRMED', 'CANCELLED', 'CANCELLED'],
    ['CANCELLED', 'CONFIRMED', 'CANCELLED'],
    ['CANCELLED', 'PLACED', 'CANCELLED'],
  ])('given %s, when %s arrives, then the order is %s', (current, incoming, expected) => {
    expect(laterStatus(current, incoming)).toBe(expected);
  });

  it('gives the same status whatever order the events arrive in', () => {
    const permutations = (xs: readonly OrderStatus[]): OrderStatus[][] =>
      xs.length <= 1
        ? [[...xs]]
        : xs.flatMap((x, i) => permutations(xs.filter((_, j) => j !== i)).map((p) => [x, ...p]));
    const seen = ['PLACED', 'CONFIRMED', 'DISPATCHED', 'DELIVERED'] as const;
    for (const order of permutations(seen)) expect(order.reduce(laterStatus)).toBe('DELIVERED');
    for (const order of permutations(ORDER_STATUSES)) expect(order.reduce(laterStatus)).toBe('CANCELLED');
  });
});
