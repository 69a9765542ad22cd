import { ProductUpdatedV1Contract } from '@platform/events';
import { event, type NewEvent } from '@platform/outbox';
import type { Product } from '../domain/product';

/** What orders keeps its price list from; published in the same transaction as every catalogue change. */
export function productUpdatedEvent(product: Product): NewEvent {
  const { sku, name, priceMinor, currency, active } = product;
  return event(ProductUpdatedV1Contract, {
    sku,
    name,
    priceMinor,
    currency,
    active,
    updatedAt: product.updatedAt.toISOString(),
  });
}
