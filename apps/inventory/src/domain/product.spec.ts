import { availableOf, changeProduct, createProduct, type Product } from './product';
import { decideStockAdjustment, MAX_ON_HAND } from './stock-adjustment';

const created = new Date('2026-01-01T00:00:00Z');
const now = new Date('2026-01-02T00:00:00Z');

const product = (onHand: number, reserved: number): Product => ({
  ...createProduct({ sku: 'SKU-0001', name: 'Cup', priceMinor: 1290, currency: 'EUR', initialStock: onHand }, created),
  reserved,
});

describe('createProduct', () => {
  it('starts active, holding its initial stock, nothing reserved', () => {
    // given / when
    const p = createProduct({ sku: 'SKU-0001', name: 'Cup', priceMinor: 1290, currency: 'EUR', initialStock: 7 }, now);
    // then
    expect(p).toEqual({
      sku: 'SKU-0001',
      name: 'Cup',
      priceMinor: 1290,
      currency: 'EUR',
      active: true,
      onHand: 7,
      reserved: 0,
      createdAt: now,
      updatedAt: now,
    });
    expect(availableOf(p)).toBe(7);
  });
});

describe('changeProduct', () => {
  it('changes only what is given, never the stock, and stamps the time', () => {
    // given
    const before = product(10, 4);
    // when
    const after = changeProduct(before, { priceMinor: 1490, active: false }, now);
    // then
    expect(after).toEqual({ ...before, priceMinor: 1490, active: false, updatedAt: now });
  });
});

describe('decideStockAdjustment', () => {
  it('adds a delivery to on hand', () => {
    // given / when
    const decision = decideStockAdjustment(product(10, 4), 5, now);
    // then
    expect(decision).toEqual({ ok: true, product: { ...product(15, 4), updatedAt: now } });
  });

  it('removes units down to exactly what is reserved', () => {
    // given / when
    const decision = decideStockAdjustment(product(10, 4), -6, now);
    // then
    expect(decision).toMatchObject({ ok: true, product: { onHand: 4, reserved: 4 } });
  });

  it('refuses to go below what is reserved: those units are promised to orders', () => {
    // given / when
    const decision = decideStockAdjustment(product(10, 4), -7, now);
    // then
    expect(decision).toMatchObject({ ok: false, code: 'INVENTORY.STOCK_BELOW_RESERVED' });
  });

  it('refuses a zero delta', () => {
    // given / when / then
    expect(decideStockAdjustment(product(10, 4), 0, now)).toMatchObject({
      ok: false,
      code: 'INVENTORY.ZERO_ADJUSTMENT',
    });
  });

  it('refuses to pass the largest count the database holds', () => {
    // given / when
    const decision = decideStockAdjustment(product(MAX_ON_HAND, 0), 1, now);
    // then
    expect(decision).toMatchObject({ ok: false, code: 'INVENTORY.STOCK_TOO_LARGE' });
  });
});
