import { decodeCursor, encodeCursor } from './order-cursor';

describe('order list cursor', () => {
  it('round-trips a position', () => {
    const position = { createdAt: new Date('2026-03-01T10:00:00.123Z'), id: '0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  const forged = (at: string): string =>
    Buffer.from(JSON.stringify([at, '0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e'])).toString('base64url');

  it.each([
    '',
    'not-base64!',
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('{}').toString('base64url'),
    forged('-271821-04-20T00:00:00.000Z'), // a JavaScript date PostgreSQL cannot hold: once a 500
    forged('+275760-09-13T00:00:00.000Z'),
  ])('refuses a forged cursor %p with a 400 problem', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
