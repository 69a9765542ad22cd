import { recordsIn, replayPartitionsOf } from './replay-plan';

describe('replayPartitionsOf', () => {
  const watermarks = [
    { partition: 1, low: '2', high: '10' },
    { partition: 0, low: '0', high: '5' },
  ];

  it('reads from the low to the high watermark, partitions in order', () => {
    expect(replayPartitionsOf('orders.order-placed.v1', watermarks)).toEqual([
      { topic: 'orders.order-placed.v1', partition: 0, start: 0n, end: 5n },
      { topic: 'orders.order-placed.v1', partition: 1, start: 2n, end: 10n },
    ]);
  });

  it('starts at the offsets by timestamp, clamped to what is retained, -1 meaning nothing after it', () => {
    const parts = replayPartitionsOf('t', watermarks, [
      { partition: 0, offset: '-1' },
      { partition: 1, offset: '0' },
    ]);
    expect(parts.map((p) => [p.start, p.end])).toEqual([
      [5n, 5n],
      [2n, 10n],
    ]);
    expect(recordsIn(parts)).toBe(8);
  });
});
