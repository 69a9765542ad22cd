/**
 * The earning rule: points per whole currency unit of the order's total, in integers only.
 * Minor units are taken as hundredths, as the issue specifies (every currency the catalogue
 * sells in has two decimals); a currency with another exponent would need its own divisor.
 */
export const MINOR_UNITS_PER_UNIT = 100;

export function pointsForOrder(totalMinor: number, pointsPerUnit: number): number {
  return Math.floor(totalMinor / MINOR_UNITS_PER_UNIT) * pointsPerUnit;
}
