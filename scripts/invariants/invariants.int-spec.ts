import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { databaseBackends, eventually, type Backend } from '@platform/testing';
import { createProduct, placeOrder, waitForStatus } from '../../test/e2e/support/order-flow';
import { startPlatform, type RunningPlatform } from '../../test/e2e/support/running-platform';
import { checkInvariants, sharedDatabase, type InvariantResult, type Query, type Sources } from './check-invariants';
import { checkOutbox } from './outbox.invariant';
import { formatResults } from './report';

const ROOT = resolve(__dirname, '../..');

/**
 * The checker against the monolith's real database: a few orders driven to every terminal state
 * must satisfy every invariant; then one corruption at a time, by hand, must fail the right
 * invariant and name the order or SKU, and undoing it must make the checker pass again.
 */
describe.each(databaseBackends())('invariant checker on %s', (backend: Backend) => {
  let p: RunningPlatform;
  let sources: Sources;
  let plenty: string;
  const orders = { delivered: '', confirmed: '', declined: '', outOfStock: '', customerCancelled: '' };

  const check = () => checkInvariants(sources, { settleMs: 0 });
  const resultNamed = (results: InvariantResult[], name: string) => results.find((r) => r.name === name)!;
  const allHold = () =>
    eventually(check, (results) => results.every((r) => r.ok), {
      expected: 'every invariant to hold',
      timeoutMs: 30_000,
      intervalMs: 200,
    });

  /** corrupts, checks that `name` fails with a violation containing `needle`, then repairs */
  async function expectViolation(corrupt: string[], repair: string[], name: string, needle: string): Promise<void> {
    for (const sql of corrupt) await p.db.query(sql);
    try {
      const failed = resultNamed(await check(), name);
      expect(failed.ok).toBe(false);
      expect(failed.violations.join('\n')).toContain(needle);
    } finally {
      for (const sql of repair) await p.db.query(sql);
    }
  }

  beforeAll(async () => {
    p = await startPlatform(backend, { SHIPPING_AUTO_ADVANCE: 'false', CONSUMER_MAX_ATTEMPTS: '400' });
    const query: Query = (sql, params) => p.db.query(sql, params ? [...params] : undefined);
    sources = sharedDatabase(query);
    plenty = await createProduct(p, 10, 2599);
    const scarce = await createProduct(p, 1, 1000);
    const advance = (orderId: string) =>
      eventually(
        async () =>
          (await p.admin.POST('/admin/shipments/{orderId}/advance', { params: { path: { orderId } } })).response.status,
        (status) => status === 200,
        { expected: `shipment of ${orderId} to advance` },
      );

    orders.delivered = await placeOrder(p, { lines: [{ sku: plenty, quantity: 2 }] });
    orders.confirmed = await placeOrder(p, { lines: [{ sku: plenty, quantity: 1 }] });
    orders.declined = await placeOrder(p, { lines: [{ sku: plenty, quantity: 1 }], paymentToken: 'tok_decline' });
    orders.outOfStock = await placeOrder(p, { lines: [{ sku: scarce, quantity: 2 }] });
    orders.customerCancelled = await placeOrder(p, { lines: [{ sku: plenty, quantity: 3 }] });

    await waitForStatus(p, orders.delivered, 'CONFIRMED');
    await advance(orders.delivered);
    await waitForStatus(p, orders.delivered, 'SHIPPED');
    await advance(orders.delivered);
    await waitForStatus(p, orders.delivered, 'DELIVERED');
    await waitForStatus(p, orders.confirmed, 'CONFIRMED');
    await waitForStatus(p, orders.declined, 'CANCELLED');
    await waitForStatus(p, orders.outOfStock, 'CANCELLED');
    await waitForStatus(p, orders.customerCancelled, 'CONFIRMED');
    await p.api.POST('/orders/{id}/cancel', { params: { path: { id: orders.customerCancelled } } });
    await waitForStatus(p, orders.customerCancelled, 'CANCELLED');
  }, 120_000);

  afterAll(async () => {
    await p?.stop();
  });

  it('finds every invariant holding once orders reached every terminal state', async () => {
    const results = await allHold();
    console.log(`${backend}: a healthy platform\n${formatResults(results)}`);
    expect(results.map((r) => r.name)).toEqual([
      'order-states',
      'stock',
      'stock-follows-orders',
      'payments',
      'loyalty-points',
      'notifications',
      'analytics',
      'outbox',
      'dead-letters',
    ]);
  });

  it('names the SKU whose reserved exceeds on_hand (past the CHECK, as a bad migration or manual fix would)', async () => {
    await allHold();
    await expectViolation(
      [
        'ALTER TABLE inventory.product DROP CONSTRAINT product_reserved_within_on_hand',
        `UPDATE inventory.product SET reserved = on_hand + 1 WHERE sku = '${plenty}'`,
      ],
      [
        `UPDATE inventory.product SET reserved = 1 WHERE sku = '${plenty}'`, // the CONFIRMED order's unit
        'ALTER TABLE inventory.product ADD CONSTRAINT product_reserved_within_on_hand CHECK (reserved <= on_hand)',
      ],
      'stock',
      `SKU ${plenty}: reserved 9 exceeds on_hand 8`,
    );
    const stock = resultNamed(await check(), 'stock');
    expect(stock).toMatchObject({ ok: true });
  });

  it('names the SKU whose reserved disagrees with its RESERVED reservation lines', async () => {
    await expectViolation(
      [`UPDATE inventory.product SET reserved = 0 WHERE sku = '${plenty}'`],
      [`UPDATE inventory.product SET reserved = 1 WHERE sku = '${plenty}'`],
      'stock',
      `SKU ${plenty}: reserved 0 but RESERVED reservation lines hold 1`,
    );
  });

  it('names the order captured twice', async () => {
    const [capture] = await p.db.query(
      `SELECT authorization_id, amount_minor FROM payments.processor_calls
        WHERE order_id = $1 AND operation = 'capture'`,
      [orders.delivered],
    );
    await expectViolation(
      [
        `INSERT INTO payments.processor_calls (operation, order_id, authorization_id, amount_minor, outcome)
         VALUES ('capture', '${orders.delivered}', '${capture.authorization_id}', ${capture.amount_minor}, 'captured')`,
      ],
      [
        `DELETE FROM payments.processor_calls WHERE id = (SELECT max(id) FROM payments.processor_calls
          WHERE order_id = '${orders.delivered}' AND operation = 'capture')`,
      ],
      'payments',
      `order ${orders.delivered}: captured 2 times`,
    );
  });

  it('names the cancelled order whose money is still held', async () => {
    await expectViolation(
      [`UPDATE payments.payment SET status = 'AUTHORIZED' WHERE order_id = '${orders.customerCancelled}'`],
      [`UPDATE payments.payment SET status = 'VOIDED' WHERE order_id = '${orders.customerCancelled}'`],
      'payments',
      `order ${orders.customerCancelled}: CANCELLED but its payment is AUTHORIZED`,
    );
  });

  it('names the order credited twice through a second, positive entry of another kind', async () => {
    // UNIQUE (order_id, kind) refuses a second CREDIT, so the double credit hides as a "REVERSAL"
    await expectViolation(
      [
        `INSERT INTO loyalty.ledger (customer_id, order_id, kind, points, source_event_id, at)
         SELECT customer_id, order_id, 'REVERSAL', points, '${randomUUID()}', now()
           FROM loyalty.ledger WHERE order_id = '${orders.delivered}' AND kind = 'CREDIT'`,
      ],
      [`DELETE FROM loyalty.ledger WHERE order_id = '${orders.delivered}' AND kind = 'REVERSAL'`],
      'loyalty-points',
      `order ${orders.delivered}: 102 points for a DELIVERED order of 5198, expected 51`,
    );
  });

  it('names the order mailed an e-mail of a kind it must not get', async () => {
    await expectViolation(
      [
        `INSERT INTO notifications.sent_messages (id, order_id, kind, recipient, subject, body, source_event_id, sent_at)
         VALUES ('${randomUUID()}', '${orders.delivered}', 'ORDER_CANCELLED', 'ada@example.com', 'x', 'x',
                 '${randomUUID()}', now())`,
      ],
      [`DELETE FROM notifications.sent_messages WHERE order_id = '${orders.delivered}' AND kind = 'ORDER_CANCELLED'`],
      'notifications',
      `order ${orders.delivered}: an unexpected ORDER_CANCELLED e-mail`,
    );
  });

  it('names the order whose analytics status disagrees with the orders table', async () => {
    await expectViolation(
      [`UPDATE analytics.order_facts SET status = 'CONFIRMED' WHERE order_id = '${orders.delivered}'`],
      [`UPDATE analytics.order_facts SET status = 'DELIVERED' WHERE order_id = '${orders.delivered}'`],
      'analytics',
      `order ${orders.delivered}: analytics says CONFIRMED, orders says DELIVERED`,
    );
  });

  it('names the order whose row and saga disagree on its state', async () => {
    await expectViolation(
      [`UPDATE orders.orders SET status = 'PENDING' WHERE id = '${orders.confirmed}'`],
      [`UPDATE orders.orders SET status = 'CONFIRMED' WHERE id = '${orders.confirmed}'`],
      'order-states',
      `order ${orders.confirmed}: order says PENDING, its saga says CONFIRMED`,
    );
  });

  it('names the shipped order whose stock was never committed', async () => {
    await expectViolation(
      [`UPDATE inventory.reservation SET status = 'RELEASED' WHERE order_id = '${orders.delivered}'`],
      [`UPDATE inventory.reservation SET status = 'COMMITTED' WHERE order_id = '${orders.delivered}'`],
      'stock-follows-orders',
      `order ${orders.delivered}: DELIVERED (shipment DELIVERED) but its reservation is RELEASED`,
    );
  });

  it('names a dead letter without an error code', async () => {
    await expectViolation(
      [
        `INSERT INTO shipping.dead_letters (consumer_group, topic, headers, value, error_code, error_message, attempts,
                                            first_failed_at, last_failed_at)
         VALUES ('shipping', 'orders.order-confirmed.v1', '{}', '\\x00', '', 'lost its code', 1, now(), now())`,
      ],
      [`DELETE FROM shipping.dead_letters WHERE error_code = ''`],
      'dead-letters',
      'no error code or message',
    );
  });

  it('passes again once every corruption is repaired', async () => {
    const results = await allHold();
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  if (backend === 'postgres') {
    it('runs as a CLI: exit 0 on the healthy database, 1 naming the SKU once corrupted', async () => {
      const url = (p.db.options as { url: string }).url;
      const run = () =>
        spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/invariants/main.ts', '--settle-ms', '0'], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: url },
          encoding: 'utf8',
        });
      const healthy = run();
      expect({ status: healthy.status, stderr: healthy.stderr }).toEqual({ status: 0, stderr: '' });
      expect(healthy.stdout).toContain('all 9 invariants hold');

      await p.db.query(`UPDATE inventory.product SET reserved = 0 WHERE sku = '${plenty}'`);
      try {
        const corrupted = run();
        expect(corrupted.status).toBe(1);
        expect(corrupted.stdout).toContain(`SKU ${plenty}: reserved 0 but RESERVED reservation lines hold 1`);
      } finally {
        await p.db.query(`UPDATE inventory.product SET reserved = 1 WHERE sku = '${plenty}'`);
      }
    });
  }
});

describe('outbox invariant', () => {
  it('names the context whose outbox holds a row older than the limit', async () => {
    // a stuck relay cannot be staged on a live platform (its relay publishes at once): a stub database
    const query: Query = async (sql) => {
      if (sql.includes('to_regclass')) return [{ present: true }];
      return sql.includes('orders.outbox')
        ? [{ pending: '2', stuck: '1', oldest_ms: 45_000, oldest_topic: 'orders.order-placed.v1' }]
        : [{ pending: '0', stuck: '0', oldest_ms: null, oldest_topic: null }];
    };
    const result = await checkOutbox(sharedDatabase(query), { settleMs: 0, outboxMaxAgeMs: 30_000, pointsPerUnit: 1 });
    expect(result).toMatchObject({
      ok: false,
      violations: ['orders.outbox: 1 unpublished row(s) older than 30000 ms (oldest 45000 ms, orders.order-placed.v1)'],
    });
  });
});
