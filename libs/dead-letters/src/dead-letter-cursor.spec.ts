import type { DeadLetterRefusal } from './dead-letter';
import {
  compareNewestFirst,
  decodeDeadLetterCursor,
  encodeDeadLetterCursor,
  type DeadLetterCursor,
} from './dead-letter-cursor';

describe('dead-letter cursor', () => {
  const at = (failedAtMicros: bigint, context: string, id: bigint): DeadLetterCursor => ({
    failedAtMicros,
    context,
    id,
  });

  it('round-trips microseconds beyond what a JavaScript number holds exactly', () => {
    // given
    const cursor = at(1_764_000_000_123_456n, 'payments', 9_007_199_254_740_993n);
    // when
    const decoded = decodeDeadLetterCursor(encodeDeadLetterCursor(cursor));
    // then
    expect(decoded).toEqual(cursor);
  });

  it.each([
    '',
    'bm9wZQ',
    Buffer.from('[1,2,3]').toString('base64url'),
    Buffer.from('["x","a","1"]').toString('base64url'),
    // beyond PostgreSQL's bigint: once a 500
    Buffer.from('["9999999999999999999","a","1"]').toString('base64url'),
    Buffer.from('["1","a","9223372036854775808"]').toString('base64url'),
  ])('refuses %p as DEAD_LETTER.BAD_CURSOR', (text) => {
    // when / then
    expect(() => decodeDeadLetterCursor(text)).toThrow(
      expect.objectContaining({ code: 'DEAD_LETTER.BAD_CURSOR', kind: 'invalid' }) as DeadLetterRefusal,
    );
  });

  it('orders newest first, then by context and id, descending', () => {
    // given
    const letters = [at(1n, 'a', 1n), at(2n, 'a', 1n), at(2n, 'b', 1n), at(2n, 'b', 7n)];
    // when
    const sorted = [...letters].sort(compareNewestFirst);
    // then
    expect(sorted).toEqual([at(2n, 'b', 7n), at(2n, 'b', 1n), at(2n, 'a', 1n), at(1n, 'a', 1n)]);
  });
});
