// Prices an order from the price list, never from the client. A refusal names every offending line
// (`lines[1].sku`) with a stable code, so the caller can fix the request in one go.

export interface PriceListEntry {
  readonly sku: string;
  readonly priceMinor: number;
  readonly currency: string;
  readonly active: boolean;
}

export interface RequestedLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface PricedLine extends RequestedLine {
  readonly unitPriceMinor: number;
}

export interface FieldProblem {
  readonly field: string;
  readonly problems: readonly string[];
}

export interface OrderRefusal {
  readonly ok: false;
  readonly code: 'ORDER.UNKNOWN_SKU' | 'ORDER.CURRENCY_MISMATCH' | 'ORDER.TOTAL_TOO_LARGE';
  readonly detail: string;
  readonly errors: readonly FieldProblem[];
}

export interface PricedOrder {
  readonly ok: true;
  readonly lines: readonly PricedLine[];
  readonly totalMinor: number;
}

export function priceOrder(
  currency: string,
  lines: readonly RequestedLine[],
  prices: ReadonlyMap<string, PriceListEntry>,
): PricedOrder | OrderRefusal {
  const unknown = problemsOf(lines, (line) => {
    const entry = prices.get(line.sku);
    if (!entry) return `unknown sku ${line.sku}`;
    return entry.active ? undefined : `sku ${line.sku} is no longer sold`;
  });
  if (unknown.length > 0) {
    return refusal('ORDER.UNKNOWN_SKU', 'Some lines name a product that is not for sale.', unknown);
  }
  const mismatched = problemsOf(lines, (line) => {
    const entry = prices.get(line.sku) as PriceListEntry;
    return entry.currency === currency ? undefined : `sku ${line.sku} is priced in ${entry.currency}, not ${currency}`;
  });
  if (mismatched.length > 0) {
    return refusal('ORDER.CURRENCY_MISMATCH', `Some lines are not priced in ${currency}.`, mismatched);
  }
  const priced = lines.map((line) => ({
    ...line,
    unitPriceMinor: (prices.get(line.sku) as PriceListEntry).priceMinor,
  }));
  const totalMinor = priced.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  if (!Number.isSafeInteger(totalMinor)) {
    return refusal('ORDER.TOTAL_TOO_LARGE', 'The order total is too large to be processed.', []);
  }
  return { ok: true, lines: priced, totalMinor };
}

function problemsOf(
  lines: readonly RequestedLine[],
  problem: (line: RequestedLine) => string | undefined,
): FieldProblem[] {
  return lines.flatMap((line, index) => {
    const found = problem(line);
    return found ? [{ field: `lines[${index}].sku`, problems: [found] }] : [];
  });
}

function refusal(code: OrderRefusal['code'], detail: string, errors: FieldProblem[]): OrderRefusal {
  return { ok: false, code, detail, errors };
}
