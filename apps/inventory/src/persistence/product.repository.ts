import type { EntityManager } from 'typeorm';
import { INVENTORY } from '../context';
import type { Product } from '../domain/product';
import type { StockLevel } from '../domain/reserve-decision';
import type { StockLine } from '../domain/stock-line';
import { ProductEntity } from './product.entity';

/**
 * The catalogue's reads and writes, always through the caller's EntityManager (a handler's
 * ctx.tx.manager or a controller's transaction), never a connection of its own.
 */
export async function listProducts(
  manager: EntityManager,
  page: { limit: number; offset: number },
): Promise<{ items: Product[]; total: number }> {
  const [items, total] = await manager.findAndCount(ProductEntity, {
    order: { sku: 'ASC' },
    take: page.limit,
    skip: page.offset,
  });
  return { items, total };
}

export async function findProduct(manager: EntityManager, sku: string): Promise<Product | undefined> {
  return (await manager.findOneBy(ProductEntity, { sku })) ?? undefined;
}

/** The product, locked until the transaction ends: the read-decide-write of an admin change. */
export async function lockProduct(manager: EntityManager, sku: string): Promise<Product | undefined> {
  const found = await manager.findOne(ProductEntity, { where: { sku }, lock: { mode: 'pessimistic_write' } });
  return found ?? undefined;
}

/**
 * Locks the products of a set of reservations in sorted SKU order (ORDER BY runs before FOR
 * UPDATE takes each row lock), so two transactions sharing SKUs always queue in the same order
 * and never deadlock. One statement for the whole set; unknown SKUs are simply absent from the map.
 */
export async function lockStockLevels(
  manager: EntityManager,
  skus: readonly string[],
): Promise<Map<string, StockLevel>> {
  const rows: Array<{ sku: string; on_hand: number; reserved: number; active: boolean }> = await manager.query(
    `SELECT sku, on_hand, reserved, active FROM ${INVENTORY}.product WHERE sku = ANY($1) ORDER BY sku FOR UPDATE`,
    [[...new Set(skus)]],
  );
  return new Map(rows.map((row) => [row.sku, { available: row.on_hand - row.reserved, active: row.active }]));
}

/** Inserts a new product; false when the SKU exists already (decided by the primary key, not a prior read). */
export async function insertProductIfAbsent(manager: EntityManager, product: Product): Promise<boolean> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(ProductEntity)
    .values(product)
    .orIgnore()
    .returning(['sku'])
    .execute();
  return (result.raw as unknown[]).length === 1;
}

export async function saveProductChanges(manager: EntityManager, product: Product): Promise<void> {
  const { name, priceMinor, active, onHand, updatedAt } = product;
  await manager.update(ProductEntity, { sku: product.sku }, { name, priceMinor, active, onHand, updatedAt });
}

/**
 * Moves reservation counters for already-locked rows, one statement for all lines:
 * reserve (+reserved), release (-reserved), commit (-on_hand, -reserved). The lines may be a
 * whole set's, several of one SKU: they are summed per SKU first, because UPDATE ... FROM
 * applies only one joined row to each product.
 */
export async function moveStock(
  manager: EntityManager,
  lines: readonly StockLine[],
  direction: 'reserve' | 'release' | 'commit',
  now: Date,
): Promise<void> {
  const reservedSign = direction === 'reserve' ? 1 : -1;
  const onHandSign = direction === 'commit' ? -1 : 0;
  await manager.query(
    `UPDATE ${INVENTORY}.product AS p
        SET reserved = p.reserved + $3 * q.quantity, on_hand = p.on_hand + $4 * q.quantity, updated_at = $5
       FROM (SELECT sku, sum(quantity)::int AS quantity
               FROM unnest($1::text[], $2::int[]) AS l(sku, quantity) GROUP BY sku) AS q
      WHERE p.sku = q.sku`,
    [lines.map((l) => l.sku), lines.map((l) => l.quantity), reservedSign, onHandSign, now],
  );
}
