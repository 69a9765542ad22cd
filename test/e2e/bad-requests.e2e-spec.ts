import openapi from './api/openapi.json';
import { databaseBackends } from '@platform/testing';
import { authCases } from './support/bad-requests/auth.cases';
import type { BadRequest, BadRequestFixtures } from './support/bad-requests/bad-request';
import { bodyShapeCases } from './support/bad-requests/body-shape.cases';
import { catalogueCases } from './support/bad-requests/catalogue.cases';
import { consoleCases } from './support/bad-requests/console.cases';
import { operationCases } from './support/bad-requests/operations.cases';
import { orderCases } from './support/bad-requests/orders.cases';
import { createProduct, placeOrder } from './support/order-flow';
import { ADMIN_TOKEN, startPlatform, type RunningPlatform } from './support/running-platform';

/**
 * The bad-request table: well over a hundred requests a client or an attacker might send, across
 * every REST endpoint of every context. Each must be refused with a 4xx problem+json that says
 * what is wrong and carries a correlation id, never a 500, and none may write anything.
 * Validation does not depend on the database, so this runs on one backend (PostgreSQL when there
 * is one).
 */
const backend = databaseBackends().at(-1)!;

describe(`bad requests against the single binary on ${backend}`, () => {
  let p: RunningPlatform;
  let fixtures: BadRequestFixtures;

  beforeAll(async () => {
    p = await startPlatform(backend, { INVENTORY_SEED_DEMO: 'false' });
    const sku = await createProduct(p, 5);
    fixtures = { sku, orderId: await placeOrder(p, { lines: [{ sku, quantity: 1 }] }) };
  });

  afterAll(async () => {
    await p?.stop();
  });

  const table = (): BadRequest[] => [
    ...authCases(fixtures),
    ...bodyShapeCases(fixtures),
    ...orderCases(fixtures),
    ...catalogueCases(fixtures),
    ...operationCases(),
    ...consoleCases(),
  ];

  // what a bad request could half-write: orders, their events, idempotency keys, products and
  // their updates (the fixture order's saga still moves on meanwhile, so not the whole outbox)
  const counts = async (): Promise<Record<string, number>> => {
    const [row] = await p.db.query(
      `SELECT (SELECT count(*) FROM orders.orders)::int AS orders,
              (SELECT count(*) FROM orders.outbox WHERE topic = 'orders.order-placed.v1')::int AS orders_placed,
              (SELECT count(*) FROM orders.idempotency_keys)::int AS idempotency_keys,
              (SELECT count(*) FROM inventory.product)::int AS products,
              (SELECT count(*) FROM inventory.outbox WHERE topic = 'inventory.product-updated.v1')::int
                AS product_updates`,
    );
    return row;
  };

  const send = async (c: BadRequest): Promise<{ status: number; type: string; correlation: string; text: string }> => {
    const headers: Record<string, string> = { ...c.headers };
    if (c.auth === true) headers.Authorization = `Bearer ${ADMIN_TOKEN}`;
    else if (c.auth) headers.Authorization = c.auth;
    let body: string | undefined;
    if (c.raw) {
      headers['Content-Type'] = c.raw.contentType;
      body = c.raw.text;
    } else if (c.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(c.body);
    }
    const response = await fetch(p.baseUrl + c.path, { method: c.method, headers, body });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      correlation: response.headers.get('x-correlation-id') ?? '',
      text: await response.text(),
    };
  };

  it('refuses every one with a 4xx problem+json that says what is wrong, and writes nothing', async () => {
    const cases = table();
    const before = await counts();
    const failures: string[] = [];
    for (const c of cases) {
      const answer = await send(c);
      const problem = parse(answer.text);
      const wrong = [
        answer.status !== c.status && `status ${answer.status}, expected ${c.status}`,
        !answer.type.startsWith('application/problem+json') && `content-type ${answer.type}`,
        problem?.status !== answer.status && 'no problem body with the same status',
        !c.says.test(answer.text) && `the problem does not say ${c.says}`,
        !answer.correlation && 'no X-Correlation-Id header',
      ].filter(Boolean);
      if (wrong.length > 0) {
        failures.push(
          `${c.method} ${c.path.slice(0, 80)} (${c.name}): ${wrong.join('; ')}: ${answer.text.slice(0, 200)}`,
        );
      }
    }
    const routes = new Set(cases.map((c) => c.route));
    process.stdout.write(
      `\nbad-request table: tried ${cases.length} bad requests across ${routes.size} routes; ` +
        `${cases.length - failures.length} answered as expected\n`,
    );
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(await counts()).toEqual(before);
    const mode = await p.admin.GET('/admin/payments/processor-mode');
    expect(mode.data).toMatchObject({ mode: 'normal' }); // the unauthenticated PUT changed nothing
  });

  it('hardens every answer: nosniff, no X-Powered-By, frame options; admin answers are never cached', async () => {
    // given / when
    const publicRead = await fetch(`${p.baseUrl}/products?limit=1`);
    const refused = await fetch(`${p.baseUrl}/admin/analytics/mode`);
    const allowed = await fetch(`${p.baseUrl}/admin/analytics/mode`, {
      headers: { Authorization: `bearer ${ADMIN_TOKEN}` }, // the scheme in any case
    });
    // then
    for (const answer of [publicRead, refused, allowed]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(answer.headers.get('x-powered-by')).toBeNull();
    }
    expect(publicRead.status).toBe(200);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm="admin"/);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps Swagger UI working under the Content-Security-Policy: its page loads every asset it names', async () => {
    // given
    const page = await fetch(`${p.baseUrl}/docs`);
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    // when
    const assets = [...html.matchAll(/(?:src|href)=["']([^"']+\.(?:js|css|png))["']/g)].map((m) => m[1]);
    const loaded = await Promise.all(
      assets.map(async (asset) => `${asset} ${(await fetch(new URL(asset, `${p.baseUrl}/docs`))).status}`),
    );
    // then: every asset is its own (allowed by 'self'), and no inline script needs 'unsafe-inline'
    expect(page.status).toBe(200);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    expect(loaded).toEqual(assets.map((asset) => `${asset} 200`));
    expect(assets.every((asset) => !/^[a-z]+:/i.test(asset))).toBe(true);
    expect(html).not.toMatch(/<script>[^<]*\S[^<]*<\/script>/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src [^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
  });

  it('covers every endpoint of the OpenAPI document', () => {
    const covered = new Set(table().map((c) => c.route));
    const missing = Object.keys(openapi.paths).filter((route) => !covered.has(route));
    expect(missing).toEqual([]);
  });
});

function parse(text: string): { status?: number } | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
