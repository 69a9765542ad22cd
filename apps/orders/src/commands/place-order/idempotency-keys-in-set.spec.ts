import { claimsOf, keyOutcomes, keysToRead, type RequestInSet } from './idempotency-keys-in-set';

// Keys in a set settle the requests as if they had been placed one after another, in order.

const keyed = (orderId: string, key: string, requestHash: string, priced = true): RequestInSet => ({
  idempotency: { key, requestHash },
  orderId,
  priced,
});

describe('idempotency keys in a set of placements', () => {
  it('lets the first priced request of a key claim it; a later one is its replay, or a reuse with another body', () => {
    // given
    const set = [keyed('o1', 'k', 'h1'), keyed('o2', 'k', 'h1'), keyed('o3', 'k', 'h2')];
    // when: the claim succeeded
    expect(claimsOf(set)).toEqual([{ key: 'k', requestHash: 'h1', orderId: 'o1' }]);
    expect(keysToRead(set, new Set(['k']))).toEqual([]);
    // then
    expect(keyOutcomes(set, new Set(['k']), new Map())).toEqual([
      { kind: 'place' },
      { kind: 'replay', orderId: 'o1' },
      { kind: 'reused' },
    ]);
  });

  it('never lets a refused request claim a key: the next priced one of that key does', () => {
    // given: the first request with key k is refused by the price list
    const set = [keyed('o1', 'k', 'h1', false), keyed('o2', 'k', 'h2'), keyed('o3', 'k', 'h1')];
    // then: o2 claims k, o1 stays refused, and o3, now another body than k's owner, reuses it
    expect(claimsOf(set)).toEqual([{ key: 'k', requestHash: 'h2', orderId: 'o2' }]);
    expect(keyOutcomes(set, new Set(['k']), new Map())).toEqual([
      { kind: 'refused' },
      { kind: 'place' },
      { kind: 'reused' },
    ]);
  });

  it('answers every request of a key stored earlier from the stored row, priced or not', () => {
    // given: k was stored by an earlier request (h1, order o0), and the set's claim of it conflicted
    const set = [keyed('o1', 'k', 'h1', false), keyed('o2', 'k', 'h2'), keyed('o3', 'k', 'h1')];
    expect(keysToRead(set, new Set())).toEqual(['k']);
    // then
    expect(keyOutcomes(set, new Set(), new Map([['k', { requestHash: 'h1', orderId: 'o0' }]]))).toEqual([
      { kind: 'replay', orderId: 'o0' },
      { kind: 'reused' },
      { kind: 'replay', orderId: 'o0' },
    ]);
  });

  it('leaves a key no request claims and nobody stored to the refusals, and requests without a key to their prices', () => {
    // given
    const set = [keyed('o1', 'k', 'h1', false), { orderId: 'o2', priced: true }, { orderId: 'o3', priced: false }];
    // then
    expect(claimsOf(set)).toEqual([]);
    expect(keysToRead(set, new Set())).toEqual(['k']);
    expect(keyOutcomes(set, new Set(), new Map())).toEqual([
      { kind: 'refused' },
      { kind: 'place' },
      { kind: 'refused' },
    ]);
  });

  it('fails when a claim conflicted and the row that won it cannot be read', () => {
    expect(() => keyOutcomes([keyed('o1', 'k', 'h1')], new Set(), new Map())).toThrow(/conflicted but cannot be read/);
  });
});
