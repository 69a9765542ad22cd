/**
 * "EUR 25.00" from minor units, in integer arithmetic (no floats near money). The number of
 * decimals is the currency's own (JPY has none, KWD three), as Intl knows it.
 */
export function formatMoney(minor: number, currency: string): string {
  const digits = fractionDigitsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const units = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = units.slice(0, units.length - digits);
  const fraction = digits > 0 ? `.${units.slice(units.length - digits)}` : '';
  return `${currency} ${sign}${whole}${fraction}`;
}

function fractionDigitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2; // not a currency Intl knows: the common case
  }
}
