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

// building an Intl.NumberFormat costs more than the rest of an e-mail (0.9% of the single
// binary's event loop in bench:orders), and a currency's digits never change
const fractionDigits = new Map<string, number>();

function fractionDigitsOf(currency: string): number {
  let digits = fractionDigits.get(currency);
  if (digits === undefined) {
    digits = intlFractionDigitsOf(currency);
    fractionDigits.set(currency, digits);
  }
  return digits;
}

function intlFractionDigitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2; // not a currency Intl knows: the common case
  }
}
