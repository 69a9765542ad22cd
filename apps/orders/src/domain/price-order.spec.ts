import { priceOrder, type PriceListEntry } from './price-order';

const priceList = (...entries: PriceListEntry[]) => new Map(entries.map((e) => [e.sku, e]));
const MUG: PriceListEntry = { sku: 'MUG-1', priceMinor: 1250, currency: 'EUR', active: true };
const TEE: PriceListEntry = { sku: 'TEE-1', priceMinor: 1999, currency: 'EUR', active: true };

describe('pricing an order from the price list', () => {
  it('given known products, then each line gets the listed unit price and the total is exact', () => {
    const priced = priceOrder(
      'EUR',
      [
        { sku: 'MUG-1', quantity: 3 },
        { sku: 'TEE-1', quantity: 1 },
      ],
      priceList(MUG, TEE),
    );
    expect(priced).toEqual({
      ok: true,
      lines: [
        { sku: 'MUG-1', quantity: 3, unitPriceMinor: 1250 },
        { sku: 'TEE-1', quantity: 1, unitPriceMinor: 1999 },
      ],
      totalMinor: 5749,
    });
  });

  it('given an unknown and an inactive sku, then ORDER.UNKNOWN_SKU names both lines', () => {
    const refused = priceOrder(
      'EUR',
      [
        { sku: 'MUG-1', quantity: 1 },
        { sku: 'NOPE', quantity: 1 },
        { sku: 'OLD-1', quantity: 1 },
      ],
      priceList(MUG, { sku: 'OLD-1', priceMinor: 100, currency: 'EUR', active: false }),
    );
    expect(refused).toMatchObject({
      ok: false,
      code: 'ORDER.UNKNOWN_SKU',
      errors: [
        { field: 'lines[1].sku', problems: ['unknown sku NOPE'] },
        { field: 'lines[2].sku', problems: ['sku OLD-1 is no longer sold'] },
      ],
    });
  });

  it('given a product priced in another currency, then ORDER.CURRENCY_MISMATCH names the line', () => {
    const refused = priceOrder('USD', [{ sku: 'MUG-1', quantity: 1 }], priceList(MUG));
    expect(refused).toMatchObject({
      ok: false,
      code: 'ORDER.CURRENCY_MISMATCH',
      errors: [{ field: 'lines[0].sku', problems: ['sku MUG-1 is priced in EUR, not USD'] }],
    });
  });

  it('given a total beyond what integers carry exactly, then it is refused rather than rounded', () => {
    const huge: PriceListEntry = { sku: 'GOLD', priceMinor: Number.MAX_SAFE_INTEGER, currency: 'EUR', active: true };
    expect(priceOrder('EUR', [{ sku: 'GOLD', quantity: 2 }], priceList(huge))).toMatchObject({
      ok: false,
      code: 'ORDER.TOTAL_TOO_LARGE',
    });
  });
});
