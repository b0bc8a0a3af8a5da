import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, headless, with the flags this network needs (no background calls home). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Opens the console in a new browser context and signs in through the local Hosted UI's user picker. */
export async function signInToConsole(
  browser: Browser,
  consoleUrl: string,
  username: string,
  role: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(consoleUrl);
  await page.waitForURL(/\/login\?/);
  await page.getByRole('link', { name: 'Continue with SSO' }).click();
  await page.locator(`button[name="username"][value="${username}"]`).click();
  await page.waitForURL(`${consoleUrl}/console/inbox`);
  await expect.poll(() => page.locator('.bar .who').textContent()).toBe(`${username} · ${role}`);
  return { context, page };
}
