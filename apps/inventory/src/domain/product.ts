import { Refusal } from '@platform/domain';

/**
 * A product of the catalogue, as inventory owns it. Money is integer minor units plus an ISO
 * 4217 currency. `reserved` is what open reservations hold; what can still be sold is
 * `onHand - reserved`.
 */
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly priceMinor: number;
  readonly currency: string;
  readonly active: boolean;
  readonly onHand: number;
  readonly reserved: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewProduct {
  readonly sku: string;
  readonly name: string;
  readonly priceMinor: number;
  readonly currency: string;
  readonly initialStock: number;
}

export interface ProductChanges {
  readonly name?: string;
  readonly priceMinor?: number;
  readonly active?: boolean;
}

/** The sellable quantity. */
export function availableOf(product: Pick<Product, 'onHand' | 'reserved'>): number {
  return product.onHand - product.reserved;
}

/** A new product is active and holds its initial stock, nothing reserved. */
export function createProduct(input: NewProduct, now: Date): Product {
  return {
    sku: input.sku,
    name: input.name,
    priceMinor: input.priceMinor,
    currency: input.currency,
    active: true,
    onHand: input.initialStock,
    reserved: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Name, price and active flag change; stock never changes this way (stock adjustments do that). */
export function changeProduct(product: Product, changes: ProductChanges, now: Date): Product {
  return {
    ...product,
    name: changes.name ?? product.name,
    priceMinor: changes.priceMinor ?? product.priceMinor,
    active: changes.active ?? product.active,
    updatedAt: now,
  };
}

/** The refusal of every command and query that names a SKU the catalogue does not have. */
export function unknownSku(sku: string): Refusal {
  return Refusal.notFound('INVENTORY.UNKNOWN_SKU', `No product has SKU ${sku}.`);
}
