import type { Product } from './product';

/** on_hand is a PostgreSQL int */
export const MAX_ON_HAND = 2_147_483_647;

export type StockAdjustmentDecision =
  | { readonly ok: true; readonly product: Product }
  | {
      readonly ok: false;
      readonly code: 'INVENTORY.ZERO_ADJUSTMENT' | 'INVENTORY.STOCK_BELOW_RESERVED' | 'INVENTORY.STOCK_TOO_LARGE';
      readonly detail: string;
    };

/**
 * A counted correction of what is on the shelf (delivery in, breakage out). It may never take
 * on_hand below what open reservations hold: those units are promised to orders, so removing
 * them would oversell. Release or ship the orders first.
 */
export function decideStockAdjustment(product: Product, delta: number, now: Date): StockAdjustmentDecision {
  if (!Number.isInteger(delta) || delta === 0) {
    return { ok: false, code: 'INVENTORY.ZERO_ADJUSTMENT', detail: 'delta must be a non-zero integer' };
  }
  const onHand = product.onHand + delta;
  if (onHand < product.reserved) {
    return {
      ok: false,
      code: 'INVENTORY.STOCK_BELOW_RESERVED',
      detail: `${product.sku}: removing ${-delta} of ${product.onHand} on hand would leave ${onHand}, below the ${product.reserved} reserved`,
    };
  }
  if (onHand > MAX_ON_HAND) {
    return {
      ok: false,
      code: 'INVENTORY.STOCK_TOO_LARGE',
      detail: `${product.sku}: on hand would exceed ${MAX_ON_HAND}`,
    };
  }
  return { ok: true, product: { ...product, onHand, updatedAt: now } };
}
