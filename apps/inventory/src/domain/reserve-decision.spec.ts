import type { Reservation } from './reservation';
import { decideReservation, replayReservation, reservationAfter, type StockLevel } from './reserve-decision';
import { normaliseLines } from './stock-line';

const stock = (levels: Record<string, number | StockLevel>): Map<string, StockLevel> =>
  new Map(
    Object.entries(levels).map(([sku, level]) => [
      sku,
      typeof level === 'number' ? { available: level, active: true } : level,
    ]),
  );

describe('normaliseLines', () => {
  it('merges lines of the same SKU and sorts by SKU (the lock order)', () => {
    // given
    const requested = [
      { sku: 'SKU-0002', quantity: 1 },
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 3 },
    ];
    // when
    const checked = normaliseLines(requested);
    // then
    expect(checked).toEqual({
      ok: true,
      lines: [
        { sku: 'SKU-0001', quantity: 2 },
        { sku: 'SKU-0002', quantity: 4 },
      ],
    });
  });

  it.each([
    ['no lines', []],
    ['a zero quantity', [{ sku: 'SKU-0001', quantity: 0 }]],
    ['a negative quantity', [{ sku: 'SKU-0001', quantity: -1 }]],
    ['an empty sku', [{ sku: ' ', quantity: 1 }]],
  ])('refuses %s as INVENTORY.INVALID_LINES', (_, requested) => {
    // given / when
    const checked = normaliseLines(requested);
    // then
    expect(checked).toMatchObject({ ok: false, code: 'INVENTORY.INVALID_LINES' });
  });
});

describe('decideReservation', () => {
  it('reserves every line when each is covered by what is available', () => {
    // given
    const lines = [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 5 },
    ];
    // when
    const outcome = decideReservation(lines, stock({ 'SKU-0001': 2, 'SKU-0002': 9 }));
    // then: exactly what is available is enough
    expect(outcome).toEqual({ kind: 'reserved', lines });
  });

  it('reserves nothing when one line is short, and reports every short line', () => {
    // given
    const lines = [
      { sku: 'SKU-0001', quantity: 3 },
      { sku: 'SKU-0002', quantity: 1 },
      { sku: 'SKU-0003', quantity: 6 },
    ];
    // when
    const outcome = decideReservation(lines, stock({ 'SKU-0001': 2, 'SKU-0002': 10, 'SKU-0003': 5 }));
    // then
    expect(outcome).toEqual({
      kind: 'refused',
      reason: 'OUT_OF_STOCK',
      shortLines: [
        { sku: 'SKU-0001', requested: 3, available: 2 },
        { sku: 'SKU-0003', requested: 6, available: 5 },
      ],
    });
  });

  it('refuses an unknown SKU as UNKNOWN_SKU with nothing available, even beside a shortage', () => {
    // given
    const lines = [
      { sku: 'SKU-0001', quantity: 3 },
      { sku: 'SKU-9999', quantity: 1 },
    ];
    // when
    const outcome = decideReservation(lines, stock({ 'SKU-0001': 0 }));
    // then
    expect(outcome).toEqual({
      kind: 'refused',
      reason: 'UNKNOWN_SKU',
      shortLines: [
        { sku: 'SKU-0001', requested: 3, available: 0 },
        { sku: 'SKU-9999', requested: 1, available: 0 },
      ],
    });
  });

  it('treats an inactive product as not for sale: out of stock with nothing available', () => {
    // given
    const lines = [{ sku: 'SKU-0001', quantity: 1 }];
    // when
    const outcome = decideReservation(lines, stock({ 'SKU-0001': { available: 50, active: false } }));
    // then
    expect(outcome).toEqual({
      kind: 'refused',
      reason: 'OUT_OF_STOCK',
      shortLines: [{ sku: 'SKU-0001', requested: 1, available: 0 }],
    });
  });
});

describe('replayReservation (a reserve command for an order that has a reservation)', () => {
  const lines = [{ sku: 'SKU-0001', quantity: 2 }];
  const given = (status: Reservation['status'], extra: Partial<Reservation> = {}): Reservation => ({
    orderId: 'order-1',
    status,
    lines,
    ...extra,
  });

  it.each(['RESERVED', 'COMMITTED'] as const)('answers reserved again when %s, with the held lines', (status) => {
    // given / when / then
    expect(replayReservation(given(status))).toEqual({ kind: 'reserved', lines });
  });

  it('answers with the same refusal when REJECTED', () => {
    // given
    const refusal = { reason: 'OUT_OF_STOCK' as const, shortLines: [{ sku: 'SKU-0001', requested: 2, available: 1 }] };
    // when
    const outcome = replayReservation(given('REJECTED', { refusal }));
    // then
    expect(outcome).toEqual({ kind: 'refused', ...refusal });
  });

  it('refuses with ORDER_RELEASED when the order was released (or a release overtook the reserve)', () => {
    // given / when
    const outcome = replayReservation(given('RELEASED', { lines: [] }));
    // then
    expect(outcome).toEqual({ kind: 'refused', reason: 'ORDER_RELEASED', shortLines: [] });
  });
});

describe('reservationAfter', () => {
  const lines = [{ sku: 'SKU-0001', quantity: 2 }];

  it('records a reserved outcome as RESERVED holding the lines', () => {
    // given / when / then
    expect(reservationAfter('order-1', lines, { kind: 'reserved', lines })).toEqual({
      orderId: 'order-1',
      status: 'RESERVED',
      lines,
    });
  });

  it('records a refusal as REJECTED, keeping the refusal to replay it', () => {
    // given
    const shortLines = [{ sku: 'SKU-0001', requested: 2, available: 0 }];
    // when
    const reservation = reservationAfter('order-1', lines, { kind: 'refused', reason: 'OUT_OF_STOCK', shortLines });
    // then
    expect(reservation).toEqual({
      orderId: 'order-1',
      status: 'REJECTED',
      lines,
      refusal: { reason: 'OUT_OF_STOCK', shortLines },
    });
  });
});
