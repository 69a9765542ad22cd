import type { Browser, Page } from 'playwright-core';
import { eventually } from '@platform/testing';
import { createProduct, placeOrder, waitForStatus } from '../e2e/support/order-flow';
import { ADMIN_TOKEN, type RunningPlatform } from '../e2e/support/running-platform';
import { chromiumPath, launchChromium, loggedInConsole } from './support/browser';
import { startConsolePlatform } from './support/console-platform';

const chromium = chromiumPath('console dead letters');

/**
 * The operator's way through a broken carrier, in the browser: shipping dead-letters the bookings
 * the carrier refuses; the operator finds an order's letter, reads its event and error, mends the
 * carrier, re-drives it from the console and the order is delivered; a second letter is discarded
 * as a filtered batch with a reason.
 */
(chromium ? describe : describe.skip)('console dead letters in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    // few attempts: a refused booking becomes a dead letter in well under a second
    platform = await startConsolePlatform({ CONSUMER_MAX_ATTEMPTS: '3' });
    ({ browser, close: closeBrowser } = await launchChromium(chromium!));
  });

  afterAll(async () => {
    await closeBrowser?.();
    await platform?.stop();
  });

  const carrier = async (mode: 'down' | 'normal') => {
    const { response } = await platform.admin.PUT('/admin/shipping/carrier-mode', { body: { mode } });
    expect(response.status).toBe(200);
  };

  /** the list, filtered by the order's key, refreshed until its letter shows */
  const letterRowOf = async (page: Page, orderId: string) => {
    await page.goto(`/console/#/dead-letters?key=${orderId}`);
    const row = page.getByRole('table', { name: 'Dead letters' }).getByRole('row').filter({ hasText: orderId });
    await eventually(
      async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return row.count();
      },
      (n) => n === 1,
      { timeoutMs: 15_000, expected: `the dead letter of order ${orderId} in the console's list` },
    );
    return row;
  };

  it('shows the dead letter of a refused booking, re-drives it once the carrier is mended, and the order is delivered', async () => {
    const sku = await createProduct(platform, 10);
    await carrier('down');
    const redriven = await placeOrder(platform, { lines: [{ sku, quantity: 1 }] });
    const discarded = await placeOrder(platform, { lines: [{ sku, quantity: 1 }] });
    const { context, page } = await loggedInConsole(browser, platform.baseUrl, ADMIN_TOKEN);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // the letter appears, with the error in words, and opens by keyboard
    const row = await letterRowOf(page, redriven);
    expect(await row.textContent()).toContain('SHIPPING.CARRIER_UNAVAILABLE');
    expect(await row.getByText('pending').count()).toBe(1);
    await row.getByRole('link').focus();
    await page.keyboard.press('Enter');
    const letter = page.getByRole('region', { name: /^Letter shipping\/\d+/ });
    await letter.waitFor();
    expect(await page.getByRole('region', { name: 'Error' }).textContent()).toContain(
      `fake carrier refused order ${redriven}: carrier is down`,
    );
    expect(await page.getByText('Stack trace').isVisible()).toBe(true);
    expect(await page.locator('details pre').first().isVisible()).toBe(false); // folded away
    const payload = JSON.parse((await page.getByLabel('Payload').textContent()) ?? '');
    expect(payload).toMatchObject({ orderId: redriven });
    expect(await page.getByRole('region', { name: 'Event' }).textContent()).toContain('orders.order-confirmed');

    // mended, re-driven from the console: handled, and the order goes on to be delivered
    await carrier('normal');
    await letter.getByRole('button', { name: 'Re-drive' }).click();
    await page.getByRole('status').getByText('Re-driven: handled').waitFor();
    await letter.getByText('resolved', { exact: true }).waitFor();
    expect(await letter.getByRole('button', { name: 'Re-drive' }).count()).toBe(0);
    await waitForStatus(platform, redriven, 'DELIVERED');

    // the other order's letter: discarded as a filtered batch, with a reason the platform keeps
    await letterRowOf(page, discarded);
    await page.getByRole('button', { name: 'Discard all matching…' }).click();
    await page.getByLabel('Reason for discarding').fill('carrier test orders; nothing to ship');
    await page.getByRole('button', { name: 'Discard 1 letter(s)' }).click();
    await page.getByRole('status').getByText('Discarded 1 letter(s).').waitFor();
    const discardedRow = await letterRowOf(page, discarded);
    await discardedRow.getByText('discarded').waitFor();
    await discardedRow.getByRole('link').click();
    await page.getByText('carrier test orders; nothing to ship').waitFor();
    expect(
      await platform.db.query(`SELECT status, resolution FROM shipping.dead_letters WHERE msg_key = $1`, [discarded]),
    ).toEqual([{ status: 'discarded', resolution: 'carrier test orders; nothing to ship' }]);

    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('keeps the filters in the address, and refuses a blank reason or an unknown letter in words', async () => {
    await carrier('down');
    const sku = await createProduct(platform, 5);
    const orderId = await placeOrder(platform, { lines: [{ sku, quantity: 1 }] });
    const { context, page } = await loggedInConsole(browser, platform.baseUrl, ADMIN_TOKEN);
    await letterRowOf(page, orderId);

    await page.getByLabel('Error code').fill('SHIPPING.CARRIER_UNAVAILABLE');
    await page.getByLabel('Status').selectOption('pending');
    await page.getByLabel('Error code').press('Enter');
    await page.waitForURL(
      new RegExp(`#/dead-letters\\?key=${orderId}&errorCode=SHIPPING.CARRIER_UNAVAILABLE&status=pending$`),
    );
    await page.reload(); // a bookmark of the filtered view opens the same view
    await page.getByRole('table', { name: 'Dead letters' }).getByText(orderId, { exact: true }).waitFor();
    expect(await page.getByLabel('Key (order id)').inputValue()).toBe(orderId);

    await page.getByRole('button', { name: 'Discard all matching…' }).click();
    await page.getByLabel('Reason for discarding').fill('   ');
    await page.getByRole('button', { name: 'Discard 1 letter(s)' }).click();
    await page.getByRole('alert').getByText('reason must not be blank').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await platform.db.query(`SELECT status FROM shipping.dead_letters WHERE msg_key = $1`, [orderId])).toEqual([
      { status: 'pending' },
    ]);

    await page.goto('/console/#/dead-letters/nowhere/1');
    await page.getByRole('alert').getByText('context "nowhere" runs in no process').waitFor();
    await carrier('normal');
    await context.close();
  });
});
