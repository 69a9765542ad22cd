import { databaseBackends, eventually } from '@platform/testing';
import { startPlatform, type RunningPlatform } from '../support/running-platform';
import { requestExample } from './document-example';

/**
 * "Try it out" on a fresh start: the document's POST /orders example, sent as Swagger UI sends it,
 * places an order that the demo catalogue and the fake processor confirm.
 */
const backend = databaseBackends().at(-1)!;

describe(`the OpenAPI examples against a fresh single binary on ${backend}`, () => {
  let p: RunningPlatform;

  beforeAll(async () => {
    p = await startPlatform(backend, { INVENTORY_SEED_DEMO: 'true' });
  });

  afterAll(async () => {
    await p?.stop();
  });

  it('POST /orders: the example is accepted and the order is confirmed', async () => {
    // orders learns the seeded prices from inventory's events a moment after the start; until
    // then the example is refused as ORDER.UNKNOWN_SKU and nothing is written, so it can be retried
    const placed = await eventually(
      async () => {
        const response = await fetch(`${p.baseUrl}/orders`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(requestExample('/orders', 'post')),
        });
        return { status: response.status, body: (await response.json()) as { orderId: string; code?: string } };
      },
      (answer) => answer.status !== 422 || answer.body.code !== 'ORDER.UNKNOWN_SKU',
      { expected: 'the price list filled from the demo catalogue' },
    );
    expect(placed).toMatchObject({ status: 202, body: { status: 'PENDING' } });
    const body = placed.body;
    await eventually(
      async () => (await p.api.GET('/orders/{id}', { params: { path: { id: body.orderId } } })).data?.status,
      (status) => status === 'CONFIRMED' || status === 'SHIPPED' || status === 'DELIVERED',
      { expected: 'the example order confirmed' },
    );
  });
});
