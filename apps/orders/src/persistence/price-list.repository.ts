import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProductUpdatedV1 } from '@platform/events';
import { ORDERS } from '../context';
import type { PriceListEntry } from '../domain/price-order';

/** Inventory's catalogue as orders last heard it; the only source of prices. */
@Injectable()
export class PriceListRepository {
  /** Applies an update unless a newer one is already stored (updates may arrive out of order). */
  async upsert(manager: EntityManager, product: ProductUpdatedV1): Promise<void> {
    await manager.query(
      `INSERT INTO ${ORDERS}.price_list AS p (sku, name, price_minor, currency, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (sku) DO UPDATE
         SET name = EXCLUDED.name, price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency,
             active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
         WHERE p.updated_at <= EXCLUDED.updated_at`,
      [product.sku, product.name, product.priceMinor, product.currency, product.active, product.updatedAt],
    );
  }

  async findBySkus(manager: EntityManager, skus: readonly string[]): Promise<Map<string, PriceListEntry>> {
    const rows: Array<{ sku: string; price_minor: string; currency: string; active: boolean }> = await manager.query(
      `SELECT sku, price_minor, currency, active FROM ${ORDERS}.price_list WHERE sku = ANY($1::text[])`,
      [skus],
    );
    return new Map(
      rows.map((row) => [
        row.sku,
        { sku: row.sku, priceMinor: Number(row.price_minor), currency: row.currency, active: row.active },
      ]),
    );
  }
}
