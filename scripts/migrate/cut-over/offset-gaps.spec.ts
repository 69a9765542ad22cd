import { behind, describeBehind, offsetGaps, recordsAhead } from './offset-gaps';

const at = (topic: string, partition: number, offset: string) => ({ topic, partition, offset });

describe('offsetGaps', () => {
  it('given a shadow ahead on some partitions and level on the rest, counts what it processed ahead', () => {
    const gaps = offsetGaps(
      [at('orders', 0, '10'), at('orders', 1, '7'), at('payments', 0, '3')],
      [at('orders', 0, '12'), at('orders', 1, '7'), at('payments', 0, '4')],
    );
    expect(gaps.map((g) => g.ahead)).toEqual([2, 0, 1]);
    expect(behind(gaps)).toEqual([]);
    expect(recordsAhead(gaps)).toBe(3);
  });

  it('given a shadow behind on one partition, names it and by how many records', () => {
    const gaps = offsetGaps(
      [at('orders', 0, '10'), at('orders', 1, '9')],
      [at('orders', 0, '12'), at('orders', 1, '5')],
    );
    const late = behind(gaps);
    expect(late).toEqual([{ topic: 'orders', partition: 1, live: '9', shadow: '5', ahead: -4 }]);
    expect(describeBehind('loyalty', late)).toContain('4 record(s) behind the live context: orders[1] 5 < 9 (4)');
  });

  it('given a partition the shadow has no offset for, counts it as behind from 0', () => {
    expect(behind(offsetGaps([at('orders', 2, '5')], []))).toEqual([
      { topic: 'orders', partition: 2, live: '5', shadow: '0', ahead: -5 },
    ]);
  });
});
