import { eventually } from '@platform/testing';
import { deadLetterCounts, redriveAll, summarise } from './support/dead-letters';
import { ONE_PROCESS, Deployment } from './support/deployment';
import { faultTransports, ordersFor } from './support/fault-transport';
import { handlerFailures } from './support/metrics';
import { createCatalogue, OrderTraffic } from './support/order-traffic';
import { checkDeployment, expectIntact, reportScenario } from './support/scenario-report';
import { settle } from './support/settle';

/**
 * Scenario 2: the payment processor fails transiently (a quarter of the cards are tok_flaky, which
 * fail twice per authorisation before they succeed) all along, and fails every call (fail-all)
 * for the middle third of the run. Authorisations that exhaust their attempts become declines
 * (PROCESSOR_UNAVAILABLE) and cancel their order; captures and voids that exhaust theirs are
 * dead-lettered, and an operator re-drives them once the processor is back. Nothing may be
 * charged twice, and every cancelled order's money must be given back.
 */
const ORDERS = 240;
const MAX_ATTEMPTS = 5; // so that fail-all exhausts attempts within a second, not a minute

describe.each(faultTransports())('fault: the payment gateway failing (%s)', (transport) => {
  const orders = ordersFor(transport, ORDERS);
  let d: Deployment | undefined;

  afterAll(async () => d?.close());

  it('confirms or cancels every order correctly, charges once, and dead-letters what needs an operator', async () => {
    d = await Deployment.start(transport, ONE_PROCESS, {
      CONSUMER_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      PAYMENTS_FLAKY_FAILURES: '2',
    });
    if (!d) return;
    const catalogue = await createCatalogue(d);
    const token = (i: number): string | undefined =>
      i % 5 === 0 ? 'tok_decline' : i % 4 === 1 ? 'tok_flaky' : undefined;

    const traffic = new OrderTraffic(d, catalogue, { orders, perSecond: 40, token });
    await traffic.acceptedAtLeast(orders / 3);
    // before fail-all, every failed processor call is a tok_flaky one, and flaky cards get through
    const flakyFailures = sum(handlerFailures(await d.metrics(), 'payments'));
    const flakyAuthorised = await authorised(d, flakyOrders(traffic.idOf, token));
    await d.admin('payments', 'PUT', '/admin/payments/processor-mode', { mode: 'fail-all' });
    const failingSince = Date.now();
    await traffic.acceptedAtLeast((2 * orders) / 3);
    // fail-all until it has bitten both ways: an authorisation given up, a capture dead-lettered
    await eventually(
      () => permanentFailureSeen(d!),
      (seen) => seen.declined > 0 && seen.deadLetters > 0,
      { expected: 'a PROCESSOR_UNAVAILABLE decline and a payments dead letter', timeoutMs: 60_000, intervalMs: 100 },
    );
    await d.admin('payments', 'PUT', '/admin/payments/processor-mode', { mode: 'normal' });
    const failedForMs = Date.now() - failingSince;
    const result = await traffic.done;

    const beforeRedrive = await settle(d);
    const letters = await deadLetterCounts(d);
    const redrive = await redriveAll(d, 'payments');
    const settled = await settle(d);
    const after = await deadLetterCounts(d);

    const calls = await d.db.query(
      `SELECT operation, outcome, count(*)::int AS n FROM payments.processor_calls GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const reasons = await d.db.query(
      `SELECT o.cancel_reason || ' ' || coalesce(p.reason, '-') AS reason, count(*)::int AS n
         FROM orders.orders o LEFT JOIN payments.payment p ON p.order_id = o.id
        WHERE o.status = 'CANCELLED' GROUP BY 1 ORDER BY 1`,
    );
    const outcome = await checkDeployment(d, result.accepted);
    reportScenario({
      scenario: 'payment gateway failing transiently and permanently',
      d,
      traffic: result,
      injected: `tok_flaky on a quarter of the orders (2 failures each); processor fail-all for ${failedForMs} ms mid-run; CONSUMER_MAX_ATTEMPTS=${MAX_ATTEMPTS}`,
      settled,
      outcome,
      notes: [
        `before the re-drive: ${JSON.stringify(beforeRedrive.orders)}; dead letters: ${summarise(letters)}`,
        `operator re-drive of payments: ${JSON.stringify(redrive)}; dead letters after: ${summarise(after)}`,
        `before fail-all: ${flakyFailures} payment handler failures (tok_flaky), ${flakyAuthorised} tok_flaky orders authorised`,
        `processor journal: ${calls.rows.map((r) => `${r.operation} ${r.outcome} x${r.n}`).join(', ')}`,
        `cancel reasons (order, payment): ${reasons.rows.map((r) => `${r.reason} x${r.n}`).join(', ')}`,
      ],
    });
    expectIntact(outcome);
    expect(result.accepted).toHaveLength(orders);
    // the transient failures happened, and were ridden out: flaky cards authorised before fail-all
    expect(flakyFailures).toBeGreaterThan(0);
    expect(flakyAuthorised).toBeGreaterThan(0);
    // the permanent failure cancelled orders as declined PROCESSOR_UNAVAILABLE, not lost or stuck
    expect(reasons.rows.map((r) => String(r.reason))).toContain('PAYMENT_DECLINED PROCESSOR_UNAVAILABLE');
    // and what could not be settled with the processor down waited in the dead letters
    expect(letters.some((c) => c.context === 'payments' && c.code === 'PAYMENTS.PROCESSOR_UNAVAILABLE')).toBe(true);
    // whatever was dead-lettered was re-driven and handled: nothing left for an operator
    expect(after.filter((c) => c.status === 'pending')).toEqual([]);
  });
});

async function permanentFailureSeen(d: Deployment): Promise<{ declined: number; deadLetters: number }> {
  const { rows } = await d.db.query(
    `SELECT (SELECT count(*) FROM payments.payment WHERE reason = 'PROCESSOR_UNAVAILABLE')::int AS declined,
            (SELECT count(*) FROM payments.dead_letters)::int AS "deadLetters"`,
  );
  return rows[0] as { declined: number; deadLetters: number };
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function flakyOrders(idOf: ReadonlyMap<number, string>, token: (i: number) => string | undefined): string[] {
  return [...idOf].filter(([i]) => token(i) === 'tok_flaky').map(([, id]) => id);
}

async function authorised(d: Deployment, orderIds: readonly string[]): Promise<number> {
  const { rows } = await d.db.query(
    'SELECT count(*)::int AS n FROM payments.payment WHERE order_id = ANY($1::uuid[]) AND authorization_id IS NOT NULL',
    [orderIds],
  );
  return rows[0].n as number;
}
