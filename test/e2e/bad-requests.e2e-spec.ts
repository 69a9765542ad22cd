import openapi from './api/openapi.json';
import { databaseBackends } from '@platform/testing';
import { authCases } from './support/bad-requests/auth.cases';
import type { BadRequest, BadRequestFixtures } from './support/bad-requests/bad-request';
import { bodyShapeCases } from './support/bad-requests/body-shape.cases';
import { catalogueCases } from './support/bad-requests/catalogue.cases';
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
