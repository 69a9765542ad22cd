import { pointsForOrder } from './points';

describe('pointsForOrder', () => {
  it.each([
    [0, 1, 0],
    [99, 1, 0],
    [100, 1, 1],
    [12_345, 1, 123],
    [12_345, 2, 246],
    [1_000_000, 3, 30_000],
  ])('given a total of %i minor units at %i point(s) per unit, earns %i', (totalMinor, perUnit, expected) => {
    expect(pointsForOrder(totalMinor, perUnit)).toBe(expected);
  });
});
