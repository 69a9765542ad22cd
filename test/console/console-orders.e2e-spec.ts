import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { eventually } from '@platform/testing';
import { createProduct, placeOrder, waitForStatus } from '../e2e/support/order-flow';
import { ADMIN_TOKEN, type RunningPlatform } from '../e2e/support/running-platform';
import { chromiumPath, launchChromium, loggedInConsole } from './support/browser';
import { startConsolePlatform } from './support/console-platform';

const chromium = chromiumPath('console orders');

/**
 * The scenario: an order placed over the API, opened in the console by typing its id, its
 * timeline followed to DELIVERED with what every context did for it; then another order found
 * through its customer and cancelled from the console. Shipments move only when the test advances
 * them, so the second order is still cancellable when the console cancels it.
 */
(chromium ? describe : describe.skip)('the orders page in Chromium', () => {
  let p: RunningPlatform;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  const pageErrors: string[] = [];
  const customerId = randomUUID();
  let delivered: string;
  let cancellable: string;

  beforeAll(async () => {
    p = await startConsolePlatform({ SHIPPING_AUTO_ADVANCE: 'false' });
    ({ browser, close: closeBrowser } = await launchChromium(chromium!));
    const sku = await createProduct(p, 10);
    delivered = await placeOrder(p, { customerId, lines: [{ sku, quantity: 1 }] });
    cancellable = await placeOrder(p, { customerId, lines: [{ sku, quantity: 2 }] });
    ({ page } = await loggedInConsole(browser, p.baseUrl, ADMIN_TOKEN));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(async () => {
    await closeBrowser?.();
    await p?.stop();
  });

  const advanceShipment = (orderId: string) =>
    eventually(
      async () =>
        (await p.admin.POST('/admin/shipments/{orderId}/advance', { params: { path: { orderId } } })).response.status,
      (status) => status === 200,
      { expected: `the shipment of ${orderId} to advance` },
    );
  const status = () => page.getByTestId('order-status');
  const timelineRow = (type: string) =>
    page.getByRole('region', { name: 'Timeline' }).getByRole('row').filter({ hasText: type });

  it('follows an order typed in by its id through every context to DELIVERED', async () => {
    await page.getByLabel('Order id').fill(delivered);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/orders/${delivered}$`));
    await status().getByText('CONFIRMED', { exact: true }).waitFor();

    await advanceShipment(delivered); // DISPATCHED
    await advanceShipment(delivered); // DELIVERED
    await status().getByText('DELIVERED', { exact: true }).waitFor();
    // the last hop: shipping's event, handled by orders (which marks the order delivered)
    await timelineRow('shipping.shipment-delivered').getByText('orders').waitFor();
    const placed = await timelineRow('orders.order-placed').textContent();
    for (const group of ['orders', 'notifications', 'analytics']) expect(placed).toContain(group);
    await timelineRow('inventory.reserve-stock').getByText('inventory').last().waitFor();
    await timelineRow('payments.authorize-payment').getByText('payments').last().waitFor();
    await timelineRow('orders.order-confirmed').getByText('loyalty').waitFor();
    await timelineRow('orders.order-confirmed').getByText('shipping').waitFor();

    await page.getByRole('region', { name: 'Payment' }).getByText('CAPTURED', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Shipment' }).getByText('DELIVERED', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'E-mails' }).getByText('ORDER_CONFIRMED').waitFor();
    await page.getByRole('region', { name: 'Loyalty points' }).getByText('CREDIT').waitFor();
  });

  it('says in words why a delivered order cannot be cancelled', async () => {
    await page.getByRole('button', { name: 'Cancel the order' }).click();
    await page.getByRole('alert').getByText('cannot be cancelled').waitFor();
    expect(await status().textContent()).toContain('DELIVERED');
  });

  it("lists the customer's orders and cancels one of them from the console", async () => {
    await waitForStatus(p, cancellable, 'CONFIRMED');
    await page.getByRole('link', { name: customerId }).click();
    await page.waitForURL(/#\/orders\?customer=/);
    const rows = page.getByRole('region', { name: /Orders of customer/ }).getByRole('row');
    await rows.filter({ hasText: delivered }).waitFor();
    await rows.filter({ hasText: cancellable }).getByRole('link').click();
    await status().getByText('CONFIRMED', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Cancel the order' }).click();
    await status()
      .getByText(/^CANCELLED/)
      .waitFor();
    await page.getByRole('region', { name: 'Payment' }).getByText('VOIDED').waitFor();
    await timelineRow('orders.order-cancelled').waitFor();
    await expect(waitForStatus(p, cancellable, 'CANCELLED')).resolves.toBeUndefined();
  });

  it('shows an unknown order as such, in words', async () => {
    await page.goto(`/console/#/orders/${randomUUID()}`);
    await page.getByRole('alert').getByText('There is no order').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
