/** A quantity of one SKU, as an order asks for it and as a reservation holds it. */
export interface StockLine {
  readonly sku: string;
  readonly quantity: number;
}

/** A line that could not be served: what was asked for and what was there (0 for an unknown or inactive SKU). */
export interface ShortLine {
  readonly sku: string;
  readonly requested: number;
  readonly available: number;
}

export type LinesCheck =
  | { readonly ok: true; readonly lines: readonly StockLine[] }
  | { readonly ok: false; readonly code: 'INVENTORY.INVALID_LINES'; readonly detail: string };

/**
 * The lines of a reserve command, merged per SKU and sorted by SKU. Merging makes "available for
 * this order" one comparison per SKU (two lines of 3 against a stock of 5 are short), and the
 * sorted order is the order product rows are locked in, which keeps concurrent reservations
 * deadlock-free. An empty order or a non-positive quantity is a producer's bug, never a stock
 * question, so it is refused as invalid rather than answered as out of stock.
 */
export function normaliseLines(requested: readonly StockLine[]): LinesCheck {
  if (requested.length === 0) return invalid('an order must reserve at least one line');
  const merged = new Map<string, number>();
  for (const { sku, quantity } of requested) {
    if (sku.trim() === '') return invalid('a line has an empty sku');
    if (!Number.isInteger(quantity) || quantity <= 0) return invalid(`line ${sku} asks for ${quantity}; must be > 0`);
    merged.set(sku, (merged.get(sku) ?? 0) + quantity);
  }
  const lines = [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, quantity]) => ({ sku, quantity }));
  return { ok: true, lines };
}

function invalid(detail: string): LinesCheck {
  return { ok: false, code: 'INVENTORY.INVALID_LINES', detail };
}
