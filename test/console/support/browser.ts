import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { testRunVariable } from '@platform/testing';

/** Debian's Chromium (test/browser/ensure-chromium.sh installs it); CHROMIUM_PATH names another */
export function chromiumPath(suite: string): string | undefined {
  const path = testRunVariable('CHROMIUM_PATH') ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (testRunVariable('CI') === 'true') {
    throw new Error(
      `${suite} needs Chromium at ${path} (bash test/browser/ensure-chromium.sh); CI=true makes this an error`,
    );
  }
  process.stderr.write(`\n!!! ${suite}: SKIPPED, no Chromium at ${path} (run bash test/browser/ensure-chromium.sh)\n`);
  return undefined;
}

/**
 * Chromium headless, as this machine's closed network needs it: without the background-networking
 * flags it keeps calling Google's hosts (../shared/FACTS.md). Playwright gives it a fresh profile
 * of its own each time (it refuses --user-data-dir).
 */
export async function launchChromium(executablePath: string): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** a page of a new context, logged in to the console at `baseUrl` with `token` */
export async function loggedInConsole(
  browser: Browser,
  baseUrl: string,
  token: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/console/');
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Console pages' }).waitFor();
  return { context, page };
}
