import { bucketOf, keyHash } from './key-hash';

// The hash decides which outbox lane and in-process partition a key lands in. Existing rows and
// logs were placed with it, so changing it re-shuffles keys across lanes and breaks per-key order:
// the values below are pinned on purpose. "", "a" and "foobar" are FNV-1a 32-bit reference vectors.
describe('keyHash', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
    ['order-1', 0x2b7fcd6d],
    ['order-2', 0x287fc8b4],
    ['0190a6b2-7c1e-7d3a-9f00-000000000001', 0xcc485e31],
    ['ключ-✓', 0x1a63f2fb],
  ])('hashes %p to the pinned value %d', (key, expected) => {
    // given / when / then
    expect(keyHash(key)).toBe(expected);
  });

  it('is an unsigned 32-bit integer', () => {
    // given
    const keys = Array.from({ length: 1000 }, (_, i) => `key-${i}`);
    // when
    const hashes = keys.map(keyHash);
    // then
    for (const hash of hashes) {
      expect(Number.isInteger(hash)).toBe(true);
      expect(hash).toBeGreaterThanOrEqual(0);
      expect(hash).toBeLessThan(2 ** 32);
    }
  });
});

describe('bucketOf', () => {
  it.each([
    ['order-1', 16, 13],
    ['order-2', 16, 4],
    ['0190a6b2-7c1e-7d3a-9f00-000000000001', 16, 1],
    ['order-1', 8, 5],
  ])('puts %p in bucket %d of %d (pinned)', (key, buckets, expected) => {
    // given / when / then
    expect(bucketOf(key, buckets)).toBe(expected);
  });

  it('spreads 10k keys over 16 buckets within ±30% of the mean', () => {
    // given
    const buckets = 16;
    const counts = new Array<number>(buckets).fill(0);
    // when
    for (let i = 0; i < 10_000; i++) counts[bucketOf(`order-${i}`, buckets)]++;
    // then
    const mean = 10_000 / buckets;
    for (const count of counts) {
      expect(count).toBeGreaterThanOrEqual(mean * 0.7);
      expect(count).toBeLessThanOrEqual(mean * 1.3);
    }
  });
});
