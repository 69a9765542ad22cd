import { num, resultOf, type Invariant, type InvariantResult, type Sources } from './invariant';

export const STOCK = 'stock';

/**
 * No SKU is oversold or negative, and product.reserved is exactly what the RESERVED
 * reservations hold (their lines summed per SKU). One statement, so it reads one snapshot even
 * on a live database. The FULL JOIN catches held lines of a SKU the catalogue does not have.
 */
export async function checkStock(sources: Pick<Sources, 'inventory'>): Promise<InvariantResult> {
  const rows = await sources.inventory(`
    SELECT COALESCE(p.sku, h.sku) AS sku, p.on_hand, p.reserved, COALESCE(h.held, 0) AS held
      FROM inventory.product p
      FULL JOIN (SELECT l.sku, sum(l.quantity) AS held
                   FROM inventory.reservation_line l
                   JOIN inventory.reservation r ON r.order_id = l.order_id
                  WHERE r.status = 'RESERVED'
                  GROUP BY l.sku) h ON h.sku = p.sku
     ORDER BY 1`);
  const violations: string[] = [];
  for (const row of rows) {
    const sku = String(row.sku);
    if (row.on_hand === null) {
      violations.push(`SKU ${sku}: ${num(row.held)} held by RESERVED reservations but no such product`);
      continue;
    }
    const [onHand, reserved, held] = [num(row.on_hand), num(row.reserved), num(row.held)];
    if (onHand < 0) violations.push(`SKU ${sku}: on_hand ${onHand} is negative`);
    if (reserved < 0) violations.push(`SKU ${sku}: reserved ${reserved} is negative`);
    if (reserved > onHand) violations.push(`SKU ${sku}: reserved ${reserved} exceeds on_hand ${onHand}`);
    if (reserved !== held) {
      violations.push(`SKU ${sku}: reserved ${reserved} but RESERVED reservation lines hold ${held}`);
    }
  }
  return resultOf(STOCK, `${rows.length} SKUs`, violations);
}

export const stockInvariant: Invariant = { name: STOCK, check: checkStock };
