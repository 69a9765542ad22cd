import { compareOutputs, countByType, totals, type ProducedOutput } from './compare-outputs';
import { firstDifference } from './first-difference';

const credit = (input: string, points: string, extra: Record<string, unknown> = {}): ProducedOutput => ({
  input,
  type: 'ledger.CREDIT',
  key: `order-${input}`,
  fields: { order_id: `order-${input}`, kind: 'CREDIT', points, id: '1', ...extra },
});

describe('firstDifference', () => {
  it('finds nothing in equal outputs, whatever the key order', () => {
    expect(firstDifference({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBeUndefined();
  });

  it('names the first differing field by its path, with both values', () => {
    expect(
      firstDifference({ a: 1, lines: [{ sku: 'A' }, { sku: 'B' }] }, { a: 1, lines: [{ sku: 'A' }, { sku: 'C' }] }),
    ).toEqual({ path: 'lines[1].sku', live: 'B', shadow: 'C' });
  });

  it('skips the fields each side generates, at any depth', () => {
    const ignored = new Set(['authorizationId', 'at']);
    expect(
      firstDifference({ authorizationId: 'x', n: { at: 1 } }, { authorizationId: 'y', n: { at: 2 } }, ignored),
    ).toBeUndefined();
  });

  it('reports a field present on one side only, and compares bigints and dates by value', () => {
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toEqual({ path: 'b', live: null, shadow: 2 });
    expect(firstDifference({ n: 5n, d: new Date(0) }, { n: 5n, d: new Date(0) })).toBeUndefined();
  });
});

describe('compareOutputs', () => {
  it('given the same outputs for the same inputs, matches every one', () => {
    const live = [credit('e1', '95'), credit('e2', '10')];
    const result = compareOutputs(
      live,
      [credit('e2', '10', { id: '7' }), credit('e1', '95', { id: '8' })],
      new Set(['id']),
    );
    expect(totals(result)).toEqual({ matched: 2, mismatched: 0, missing: 0, extra: 0 });
  });

  it('given another points rate, reports each pair mismatched at the points field', () => {
    const result = compareOutputs([credit('e1', '95')], [credit('e1', '190')], new Set(['id']));
    expect(result).toEqual([
      {
        input: 'e1',
        type: 'ledger.CREDIT',
        key: 'order-e1',
        result: 'mismatched',
        difference: { path: 'points', live: '95', shadow: '190' },
      },
    ]);
  });

  it('given an output on one side only, reports it missing (live only) or extra (shadow only)', () => {
    const event = (input: string, type: string): ProducedOutput => ({ input, type, key: 'k', fields: {} });
    const result = compareOutputs(
      [event('e1', 'payment-authorized'), event('e2', 'payment-captured')],
      [event('e1', 'payment-declined'), event('e2', 'payment-captured'), event('e2', 'payment-captured')],
    );
    expect(result.map((r) => [r.type, r.result])).toEqual([
      ['payment-authorized', 'missing'],
      ['payment-captured', 'matched'],
      ['payment-captured', 'extra'],
      ['payment-declined', 'extra'],
    ]);
    expect(countByType(result).get('payment-captured')).toEqual({ matched: 1, mismatched: 0, missing: 0, extra: 1 });
  });
});
