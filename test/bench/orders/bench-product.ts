import { randomBytes } from 'node:crypto';
import type { PlatformDb } from './platform-db';
import type { PlatformProcess } from './platform-process';

/** far more than any run places, so no order is cancelled for lack of stock */
export const BENCH_STOCK = 2_000_000_000;

/**
 * The run's own products, created as an operator would (POST /admin/products), then awaited in
 * the orders price list, which learns them from inventory's product-updated event.
 */
export async function createBenchProducts(platform: PlatformProcess, db: PlatformDb, count: number): Promise<string[]> {
  const skus: string[] = [];
  for (let i = 0; i < count; i += 1) skus.push(await createBenchProduct(platform, db));
  return skus;
}

async function createBenchProduct(platform: PlatformProcess, db: PlatformDb): Promise<string> {
  const sku = `SKU-BENCH-${randomBytes(4).toString('hex').toUpperCase()}`;
  const response = await fetch(`${platform.baseUrl}/admin/products`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.adminToken}` },
    body: JSON.stringify({
      sku,
      name: `Benchmark product ${sku}`,
      priceMinor: 1999,
      currency: 'EUR',
      initialStock: BENCH_STOCK,
    }),
  });
  if (response.status !== 201) throw new Error(`creating ${sku}: ${response.status} ${await response.text()}`);
  await db.waitForPriceList(sku);
  return sku;
}
