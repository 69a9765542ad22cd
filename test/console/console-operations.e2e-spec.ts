import type { Browser, Page } from 'playwright-core';
import { eventually } from '@platform/testing';
import { ADMIN_TOKEN, type RunningPlatform } from '../e2e/support/running-platform';
import { createProduct, placeOrder, waitForStatus } from '../e2e/support/order-flow';
import { chromiumPath, launchChromium, loggedInConsole } from './support/browser';
import { startConsolePlatform } from './support/console-platform';

const chromium = chromiumPath('console operations');

/** an alert as GET /admin/alerts answers it, for the answers the test routes to the page */
const ALERT = {
  severity: 'warning',
  summary: 'Dead letters wait for an operator',
  runbook: 'Open the Dead letters page, fix the cause, then re-drive or discard each letter.',
  docs: 'docs/operations.md#deadletterspending',
  expr: 'max by (context, group) (dead_letters_pending) > 0',
  for: '1m',
};

/**
 * The Operations, Flow and Alerts pages in Chromium against the single binary: an operator runs
 * the analytics rebuild and watches it to its result, checks the invariants, switches a fake
 * gateway's failure mode, and watches the flow refresh itself.
 */
(chromium ? describe : describe.skip)('console operations and flow in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    platform = await startConsolePlatform();
    ({ browser, close: closeBrowser } = await launchChromium(chromium!));
    // orders for the rebuild to replay
    const sku = await createProduct(platform, 10);
    for (const quantity of [1, 2]) {
      await waitForStatus(platform, await placeOrder(platform, { lines: [{ sku, quantity }] }), 'CONFIRMED');
    }
    ({ page } = await loggedInConsole(browser, platform.baseUrl, ADMIN_TOKEN));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await closeBrowser?.();
    await platform?.stop();
  });

  afterEach(() => expect(pageErrors).toEqual([]));

  it('runs the analytics rebuild and shows its progress and result', async () => {
    await page.goto('/console/#/operations');
    const rebuild = page.getByRole('region', { name: 'Analytics rebuild' });
    await rebuild.getByRole('button', { name: 'Start the rebuild' }).click();
    const progress = rebuild.getByLabel('Rebuild progress');
    await progress.waitFor();
    await rebuild.getByRole('status').getByText('succeeded').waitFor();

    const status = (await (await adminGet('/admin/analytics/rebuild')).json()) as { done: number; total: number };
    expect(status.total).toBeGreaterThan(0);
    expect(await progress.getAttribute('max')).toBe(String(status.total));
    expect(await progress.getAttribute('value')).toBe(String(status.total));
    expect(await rebuild.textContent()).toContain(`${status.done} of ${status.total} records replayed`);
    expect(await rebuild.getByRole('status').textContent()).toMatch(/[1-9]\d* events projected/);
  });

  it('runs the invariant check and shows each invariant’s result', async () => {
    const invariants = page.getByRole('region', { name: 'Invariant check' });
    await invariants.getByRole('button', { name: 'Check the invariants' }).click();
    await invariants
      .getByRole('status')
      .getByText(/all \d+ hold/)
      .waitFor();
    const rows = invariants.getByRole('row');
    const expected = ((await (await adminGet('/admin/invariants')).json()) as { results: Array<{ name: string }> })
      .results;
    expect(await rows.count()).toBe(expected.length + 1);
    for (const { name } of expected) {
      expect(await invariants.getByRole('row', { name: new RegExp(`^${name} holds`) }).count()).toBe(1);
    }
  });

  it('switches a fake gateway’s failure mode and shows the mode in force', async () => {
    const processor = page.getByRole('form', { name: 'Payment processor failure mode' });
    await processor.getByText('Now: normal').waitFor();
    await processor.getByLabel('Payment processor').selectOption('decline-all');
    await processor.getByRole('button', { name: 'Apply' }).click();
    await processor.getByText('Now: decline-all').waitFor();
    expect(await (await adminGet('/admin/payments/processor-mode')).json()).toEqual({ mode: 'decline-all' });
    await processor.getByLabel('Payment processor').selectOption('normal');
    await processor.getByRole('button', { name: 'Apply' }).click();
    await processor.getByText('Now: normal').waitFor();
    expect(await (await adminGet('/admin/payments/processor-mode')).json()).toEqual({ mode: 'normal' });
    await page
      .getByRole('region', { name: 'Migration: shadow and cut-over' })
      .getByText('No shadow is running')
      .waitFor();
  });

  it('shows every consumer group’s row and refreshes the flow by itself until paused', async () => {
    await page.goto('/console/#/flow');
    const payments = page.getByRole('region', { name: 'payments' });
    await payments.getByRole('rowheader', { name: /^payments/ }).waitFor();
    for (const context of ['orders', 'inventory', 'shipping', 'notifications', 'loyalty', 'analytics']) {
      await page.getByRole('region', { name: context, exact: true }).getByRole('rowheader').first().waitFor();
    }
    await page.getByRole('region', { name: 'Sagas' }).getByRole('rowheader', { name: 'awaiting dispatch' }).waitFor();

    const updated = page.locator('.updated time');
    const first = await updated.getAttribute('datetime');
    await eventually(
      () => updated.getAttribute('datetime'),
      (now) => now !== first,
      { expected: `the flow's "updated at" to move on from ${first}`, timeoutMs: 8_000 },
    );
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText('paused').waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
  });

  it('marks a group whose lag grows, and shows the partitions that lag', async () => {
    const analytics = page.locator('tr[data-group="analytics"]');
    await setAnalyticsMode('failing');
    try {
      const sku = await createProduct(platform, 5);
      await placeOrder(platform, { lines: [{ sku, quantity: 1 }] });
      await analytics.getByText('growing').waitFor();
      await analytics.getByText(/^[1-9]\d* of \d+ partitions lag$/).waitFor();
    } finally {
      await setAnalyticsMode('normal');
    }
    await analytics.getByText(/^0 of \d+ partitions lag$/).waitFor();
  });

  it('lists the alerts that would fire, firing first, and says so when there is no alert endpoint', async () => {
    // the platform's own answer: one row per alert of its catalogue
    const live = (await (await adminGet('/admin/alerts')).json()) as { alerts: Array<{ name: string }> };
    await page.goto('/console/#/alerts');
    const rows = page.getByRole('row');
    await page
      .getByRole('status')
      .getByText(/\d+ rules/)
      .waitFor();
    expect(await rows.count()).toBe(live.alerts.length + 1);
    for (const { name } of live.alerts) expect(await page.getByRole('rowheader', { name }).count()).toBe(1);

    // a firing alert comes first, with what decided it and its runbook
    await page.route('**/admin/alerts', (route) =>
      route.fulfill({
        json: {
          evaluatedAt: new Date().toISOString(),
          alerts: [
            { ...ALERT, name: 'OutboxRowsOld', state: 'quiet', details: [] },
            { ...ALERT, name: 'DeadLettersPending', state: 'firing', details: ['context=payments: pending 2 > 0'] },
          ],
        },
      }),
    );
    await page.reload();
    await page.getByRole('status').getByText('1 firing').waitFor();
    expect(await rows.nth(1).textContent()).toMatch(/^firingDeadLettersPendingwarning.*pending 2 > 0.*re-drive/);
    expect(await rows.nth(1).getByText('docs/operations.md#deadletterspending').count()).toBe(1);

    await page.route('**/admin/alerts', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/problem+json',
        json: { status: 404, title: 'Not Found' },
      }),
    );
    await page.reload();
    await page.getByText('The platform has no alert endpoint').waitFor();
    await page.unrouteAll();
  });

  async function setAnalyticsMode(mode: 'failing' | 'normal'): Promise<void> {
    const { response } = await platform.admin.PUT('/admin/analytics/mode', { body: { mode } });
    expect(response.status).toBe(200);
  }

  function adminGet(path: string): Promise<Response> {
    return fetch(`${platform.baseUrl}${path}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  }
});
