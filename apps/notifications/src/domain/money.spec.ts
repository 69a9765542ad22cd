import { formatMoney } from './money';

describe('formatting money for an e-mail', () => {
  it('given minor units, then shows them in the currency with its own number of decimals', () => {
    expect(formatMoney(2500, 'EUR')).toBe('EUR 25.00');
    expect(formatMoney(5, 'USD')).toBe('USD 0.05');
    expect(formatMoney(1999, 'JPY')).toBe('JPY 1999');
    expect(formatMoney(1234, 'KWD')).toBe('KWD 1.234');
  });

  it('given a negative amount or an unknown currency code, then still formats it', () => {
    expect(formatMoney(-150, 'EUR')).toBe('EUR -1.50');
    expect(formatMoney(150, 'XXY')).toBe('XXY 1.50');
  });
});
