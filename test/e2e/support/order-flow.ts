import { randomUUID } from 'node:crypto';
import { eventually } from '@platform/testing';
import type { PlatformUnderTest } from './platform-under-test';

export const CUSTOMER_ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

export interface OrderInput {
  readonly customerId?: string;
  readonly lines: ReadonlyArray<{ sku: string; quantity: number }>;
  readonly paymentToken?: string;
  readonly currency?: string;
}

/** A product of the test's own, so tests never depend on the demo catalogue. */
export async function createProduct(p: PlatformUnderTest, stock: number, priceMinor = 1999): Promise<string> {
  const sku = `SKU-E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
  const { response, error } = await p.admin.POST('/admin/products', {
    body: { sku, name: `Test product ${sku}`, priceMinor, currency: 'EUR', initialStock: stock },
  });
  if (response.status !== 201) throw new Error(`creating ${sku}: ${response.status} ${JSON.stringify(error)}`);
  // orders learns prices from inventory's events: wait until its price list has the product
  await eventually(
    () => placeable(p, sku),
    (ok) => ok,
    { expected: `${sku} in the orders price list` },
  );
  return sku;
}

async function placeable(p: PlatformUnderTest, sku: string): Promise<boolean> {
  const rows: unknown[] = await p.db.query('SELECT 1 FROM orders.price_list WHERE sku = $1', [sku]);
  return rows.length === 1;
}

export function orderBody(input: OrderInput) {
  return {
    customerId: input.customerId ?? randomUUID(),
    customerEmail: 'ada@example.com',
    currency: input.currency ?? 'EUR',
    lines: input.lines.map((l) => ({ ...l })),
    shippingAddress: CUSTOMER_ADDRESS,
    paymentToken: input.paymentToken ?? 'tok_visa',
  };
}

export async function placeOrder(p: PlatformUnderTest, input: OrderInput, idempotencyKey?: string): Promise<string> {
  const { data, response, error } = await p.api.POST('/orders', {
    body: orderBody(input),
    params: { header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} } as never,
  });
  if (response.status !== 202 || !data)
    throw new Error(`placing an order: ${response.status} ${JSON.stringify(error)}`);
  return (data as { orderId: string }).orderId;
}

export async function orderStatus(p: PlatformUnderTest, orderId: string): Promise<string> {
  const { data } = await p.api.GET('/orders/{id}', { params: { path: { id: orderId } } });
  return (data as { status: string } | undefined)?.status ?? 'UNKNOWN';
}

/** the status, and the reason of a cancellation: `CONFIRMED`, `CANCELLED OUT_OF_STOCK`, ... */
export async function orderOutcome(p: PlatformUnderTest, orderId: string): Promise<string> {
  const { data } = await p.api.GET('/orders/{id}', { params: { path: { id: orderId } } });
  const order = data as { status: string; cancelReason?: string } | undefined;
  if (!order) return 'UNKNOWN';
  return order.cancelReason ? `${order.status} ${order.cancelReason}` : order.status;
}

export async function waitForStatus(
  p: PlatformUnderTest,
  orderId: string,
  wanted: string,
  timeoutMs = 30_000,
): Promise<void> {
  await eventually(
    () => orderStatus(p, orderId),
    (status) => status === wanted,
    { expected: `order ${orderId} to be ${wanted}`, timeoutMs },
  );
}
