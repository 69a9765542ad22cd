import type { StockLevel } from './reserve-decision';
import { decideReservations } from './reserve-set-decision';

const stock = (levels: Record<string, number>): Map<string, StockLevel> =>
  new Map(Object.entries(levels).map(([sku, available]) => [sku, { available, active: true }]));

describe('decideReservations', () => {
  it('lets each order see the stock the earlier ones of the set left', () => {
    // given
    const requests = [
      { orderId: 'o1', lines: [{ sku: 'A', quantity: 2 }] },
      { orderId: 'o2', lines: [{ sku: 'A', quantity: 2 }] },
      { orderId: 'o3', lines: [{ sku: 'A', quantity: 1 }] },
    ];
    // when
    const decision = decideReservations(requests, new Map(), stock({ A: 3 }));
    // then
    expect(decision).toMatchObject({
      kind: 'decided',
      outcomes: [
        { kind: 'reserved' },
        { kind: 'refused', reason: 'OUT_OF_STOCK', shortLines: [{ sku: 'A', requested: 2, available: 1 }] },
        { kind: 'reserved' },
      ],
      reserved: [
        { sku: 'A', quantity: 2 },
        { sku: 'A', quantity: 1 },
      ],
    });
  });

  it('replays an order sent twice in the set, and one reserved before it, without reserving again', () => {
    // given
    const existing = new Map([['o0', { orderId: 'o0', status: 'RELEASED' as const, lines: [] }]]);
    const requests = [
      { orderId: 'o1', lines: [{ sku: 'A', quantity: 1 }] },
      { orderId: 'o1', lines: [{ sku: 'A', quantity: 1 }] },
      { orderId: 'o0', lines: [{ sku: 'A', quantity: 1 }] },
    ];
    // when
    const decision = decideReservations(requests, existing, stock({ A: 5 }));
    // then
    expect(decision).toEqual({
      kind: 'decided',
      outcomes: [
        { kind: 'reserved', lines: [{ sku: 'A', quantity: 1 }] },
        { kind: 'reserved', lines: [{ sku: 'A', quantity: 1 }] },
        { kind: 'refused', reason: 'ORDER_RELEASED', shortLines: [] },
      ],
      created: [{ orderId: 'o1', status: 'RESERVED', lines: [{ sku: 'A', quantity: 1 }] }],
      reserved: [{ sku: 'A', quantity: 1 }],
    });
  });

  it('calls the whole set invalid for one malformed request', () => {
    // given
    const requests = [
      { orderId: 'o1', lines: [{ sku: 'A', quantity: 1 }] },
      { orderId: 'o2', lines: [{ sku: 'A', quantity: 0 }] },
    ];
    // when
    const decision = decideReservations(requests, new Map(), stock({ A: 5 }));
    // then
    expect(decision).toMatchObject({ kind: 'invalid', orderId: 'o2', code: 'INVENTORY.INVALID_LINES' });
  });
});
