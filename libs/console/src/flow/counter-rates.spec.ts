import { CounterRates } from './counter-rates';

const totals = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('CounterRates', () => {
  it('has no rate before a baseline at least the minimum interval old', () => {
    const rates = new CounterRates(1_000, 10_000);
    expect(rates.rates(0, totals({ a: 5 })).get('a')).toBeUndefined();
    expect(rates.rates(500, totals({ a: 7 })).get('a')).toBeUndefined();
  });

  it('divides the growth since the newest old-enough reading by the time between them', () => {
    const rates = new CounterRates(1_000, 10_000);
    rates.rates(0, totals({ a: 0 }));
    rates.rates(1_000, totals({ a: 10 }));
    // at 3 s the newest reading at least 1 s old is the one at 1 s: (40 - 10) / 2 s
    expect(rates.rates(3_000, totals({ a: 40 })).get('a')).toBe(15);
  });

  it('counts a counter born since the baseline from 0, and gives none for one that went down', () => {
    const rates = new CounterRates(1_000, 10_000);
    rates.rates(0, totals({ restarted: 100 }));
    const now = rates.rates(2_000, totals({ born: 4, restarted: 3 }));
    expect(now.get('born')).toBe(2);
    expect(now.get('restarted')).toBeUndefined();
  });

  it('keeps one reading older than the window, so a view polled after a pause still has a rate', () => {
    const rates = new CounterRates(1_000, 10_000);
    rates.rates(0, totals({ a: 0 }));
    rates.rates(1_000, totals({ a: 10 }));
    expect(rates.rates(61_000, totals({ a: 610 })).get('a')).toBe(10);
    expect(rates.rates(63_000, totals({ a: 630 })).get('a')).toBe(10);
  });
});
