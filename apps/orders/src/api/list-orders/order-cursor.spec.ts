import { decodeCursor, encodeCursor } from './order-cursor';

describe('order list cursor', () => {
  it('round-trips a position', () => {
    const position = { createdAt: new Date('2026-03-01T10:00:00.123Z'), id: '0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each(['', 'not-base64!', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{}').toString('base64url')])(
    'refuses a forged cursor %p with a 400 problem',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ status: 400 }));
    },
  );
});
