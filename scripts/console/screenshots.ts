/**
 * `npm run console:screenshots`: the pictures of docs/console.md, taken from a running platform.
 * Starts the single binary in this process on an in-memory embedded PostgreSQL (as `npm start`
 * would, without ./data), places a few orders and lets them flow, then opens each console page in
 * Debian's Chromium (the browser tests' launch flags) and writes docs/console/<page>.png, one
 * 1280×800 screen each. Run it again after a page changes.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createPlatformApp } from '@platform/http';
import { MonolithModule } from '../../apps/monolith/src/monolith.module';
import { chromiumPath, launchChromium, loggedInConsole } from '../../test/console/support/browser';

const OUT = resolve(__dirname, '../../docs/console');
const TOKEN = 'console-screenshots';

/**
 * The settings of `npm start`, none of the caller's (a DATABASE_URL or TRANSPORT there must not
 * change the pictures), with a flow quick enough to reach DELIVERED within a second or two.
 */
const PLATFORM_ENV = {
  PGLITE_DATA_DIR: 'memory://',
  LOG_LEVEL: 'warn',
  ADMIN_TOKEN: TOKEN,
  SHIPPING_DISPATCH_AFTER_MS: '300',
  SHIPPING_DELIVER_AFTER_MS: '600',
  SHIPPING_TICK_MS: '50',
  OUTBOX_IDLE_POLL_MS: '200',
  INPROCESS_IDLE_POLL_MS: '200',
  // a handler that keeps failing gives up quickly: the Dead letters page has letters to show
  CONSUMER_RETRY_BASE_MS: '10',
  CONSUMER_RETRY_MAX_MS: '50',
  CONSUMER_MAX_ATTEMPTS: '3',
};

const CUSTOMER = '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b';

interface Shot {
  readonly file: string;
  readonly address: string;
  /** what must be on screen before the picture is taken */
  readonly ready: (page: Page) => Promise<unknown>;
}

async function main(): Promise<void> {
  const executable = chromiumPath('console screenshots');
  if (!executable) throw new Error('console:screenshots needs Chromium (bash test/browser/ensure-chromium.sh)');
  const app = await createPlatformApp(MonolithModule.forRoot(PLATFORM_ENV), { service: 'monolith' });
  await app.init();
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await launchChromium(executable);
  try {
    const orders = await placeOrders(baseUrl);
    await until(
      `order ${orders.delivered} delivered`,
      async () => (await status(baseUrl, orders.delivered)) === 'DELIVERED',
    );
    await deadLetterOneOrder(baseUrl);
    const { page } = await loggedInConsole(browser.browser, baseUrl, TOKEN);
    mkdirSync(OUT, { recursive: true });
    for (const shot of shots(orders.delivered)) {
      await page.goto(`${baseUrl}/console/${shot.address}`);
      await shot.ready(page);
      await settled(page);
      await page.screenshot({ path: join(OUT, shot.file) });
      console.log(`console:screenshots: wrote docs/console/${shot.file}`);
    }
  } finally {
    await browser.close();
    await app.close();
  }
}

function shots(deliveredOrder: string): Shot[] {
  const heading = (name: string) => (page: Page) => page.getByRole('heading', { level: 1, name }).waitFor();
  return [
    {
      file: 'orders.png',
      address: `#/orders?customer=${CUSTOMER}`,
      ready: (page) =>
        page
          .getByRole('region', { name: /Orders of customer/ })
          .getByRole('link')
          .first()
          .waitFor(),
    },
    {
      file: 'order.png',
      address: `#/orders/${deliveredOrder}`,
      ready: (page) =>
        page
          .getByRole('region', { name: 'Timeline' })
          .getByRole('row')
          .filter({ hasText: 'shipment-delivered' })
          .waitFor(),
    },
    {
      file: 'flow.png',
      address: '#/flow',
      ready: (page) => page.getByRole('region', { name: 'Sagas' }).getByRole('rowheader').first().waitFor(),
    },
    { file: 'dead-letters.png', address: '#/dead-letters', ready: heading('Dead letters') },
    {
      file: 'operations.png',
      address: '#/operations',
      ready: (page) =>
        page.getByRole('form', { name: 'Payment processor failure mode' }).getByText('Now: normal').waitFor(),
    },
    { file: 'alerts.png', address: '#/alerts', ready: (page) => page.getByRole('status').getByText(/rules/).waitFor() },
  ];
}

/** two products and four orders of one customer: delivered, declined, in flight, out of stock */
async function placeOrders(baseUrl: string): Promise<{ delivered: string }> {
  const cups = await createProduct(baseUrl, 'CUP-ESPRESSO', 'Espresso cup', 1290, 50);
  const grinder = await createProduct(baseUrl, 'GRINDER-HAND', 'Hand grinder', 8900, 1);
  const delivered = await placeOrder(baseUrl, [{ sku: cups, quantity: 2 }], 'tok_visa');
  await placeOrder(baseUrl, [{ sku: cups, quantity: 1 }], 'tok_decline');
  await placeOrder(baseUrl, [{ sku: grinder, quantity: 1 }], 'tok_visa');
  await placeOrder(
    baseUrl,
    [
      { sku: grinder, quantity: 1 },
      { sku: cups, quantity: 4 },
    ],
    'tok_visa',
  );
  return { delivered };
}

/** analytics down while one more order flows: its events end as analytics' dead letters */
async function deadLetterOneOrder(baseUrl: string): Promise<void> {
  await call(baseUrl, 'PUT', '/admin/analytics/mode', { mode: 'failing' });
  await placeOrder(baseUrl, [{ sku: 'CUP-ESPRESSO', quantity: 1 }], 'tok_visa');
  await until('a dead letter', async () => {
    const response = await call(baseUrl, 'GET', '/admin/dead-letters?status=pending');
    return response.ok && ((await response.json()) as { items: unknown[] }).items.length > 0;
  });
  await call(baseUrl, 'PUT', '/admin/analytics/mode', { mode: 'normal' });
}

async function createProduct(baseUrl: string, sku: string, name: string, priceMinor: number, initialStock: number) {
  const response = await call(baseUrl, 'POST', '/admin/products', {
    sku,
    name,
    priceMinor,
    currency: 'EUR',
    initialStock,
  });
  if (response.status !== 201) throw new Error(`creating ${sku}: ${response.status} ${await response.text()}`);
  return sku;
}

/** placed once orders' price list has the products (it learns them from inventory's events) */
async function placeOrder(baseUrl: string, lines: Array<{ sku: string; quantity: number }>, paymentToken: string) {
  const body = {
    customerId: CUSTOMER,
    customerEmail: 'ada@example.com',
    currency: 'EUR',
    lines,
    shippingAddress: {
      name: 'Ada Lovelace',
      line1: '12 St James Square',
      city: 'London',
      postalCode: 'SW1Y 4JH',
      country: 'GB',
    },
    paymentToken,
  };
  let orderId = '';
  await until('orders to accept the order', async () => {
    const response = await call(baseUrl, 'POST', '/orders', body);
    if (response.status === 202) orderId = ((await response.json()) as { orderId: string }).orderId;
    return response.status === 202;
  });
  return orderId;
}

async function status(baseUrl: string, orderId: string): Promise<string | undefined> {
  const response = await call(baseUrl, 'GET', `/orders/${orderId}`);
  return response.ok ? ((await response.json()) as { status: string }).status : undefined;
}

function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** polls `done` every 100 ms for up to 30 s */
async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`console:screenshots: gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** no request in flight and no "Loading…" left on the page */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
