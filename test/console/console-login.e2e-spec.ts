import type { Browser } from 'playwright-core';
import { ADMIN_TOKEN, type RunningPlatform } from '../e2e/support/running-platform';
import { chromiumPath, launchChromium, loggedInConsole } from './support/browser';
import { startConsolePlatform } from './support/console-platform';

const chromium = chromiumPath('console log-in');

/**
 * The console is served by the platform itself, needs nothing from the internet, and opens only
 * for the admin token: the page and its libraries come from /console, the data from the admin API.
 */
(chromium ? describe : describe.skip)('console log-in in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    platform = await startConsolePlatform();
    ({ browser, close: closeBrowser } = await launchChromium(chromium!));
  });

  afterAll(async () => {
    await closeBrowser?.();
    await platform?.stop();
  });

  it('refuses a wrong token in words, opens for the admin token and names the process', async () => {
    const context = await browser.newContext({ baseURL: platform.baseUrl });
    const page = await context.newPage();
    const offline: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(platform.baseUrl)) offline.push(request.url());
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto('/console/');
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('not this platform’s admin token').waitFor();

    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation', { name: 'Console pages' });
    await nav.waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Orders',
      'Flow',
      'Dead letters',
      'Operations',
      'Alerts',
    ]);
    expect(await page.getByTitle('the process serving this console').textContent()).toMatch(
      /^\s*monolith · analytics, inventory, loyalty, notifications, orders, payments, shipping\s*$/,
    );

    // the tab keeps its token across a reload; logging out forgets it
    await page.reload();
    await nav.waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Admin token').waitFor();

    expect(offline).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('moves between pages by keyboard and by address', async () => {
    const { context, page } = await loggedInConsole(browser, platform.baseUrl, ADMIN_TOKEN);
    await page.getByRole('link', { name: 'Dead letters' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/dead-letters$/);
    await page.getByRole('heading', { level: 1, name: 'Dead letters' }).waitFor();
    await page.goto('/console/#/flow');
    await page.getByRole('heading', { level: 1, name: 'Flow' }).waitFor();
    await context.close();
  });

  it('serves its files with a policy that allows only its own scripts, and no other file', async () => {
    const pageResponse = await fetch(`${platform.baseUrl}/console/`);
    expect(pageResponse.status).toBe(200);
    expect(pageResponse.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-[^']+'/);
    const vendor = await fetch(`${platform.baseUrl}/console/vendor/preact.mjs`);
    expect(vendor.status).toBe(200);
    expect(vendor.headers.get('content-type')).toContain('text/javascript');
    const missing = await fetch(`${platform.baseUrl}/console/..%2F..%2Fpackage.json`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const session = await fetch(`${platform.baseUrl}/admin/console/session`);
    expect(session.status).toBe(401);
  });
});
