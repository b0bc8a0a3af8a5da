import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimMessage } from '#infra/local/simulator/simulator-types.ts';
import { launchChromium, signInToConsole } from '../test/browser.ts';
import { newStaffMember } from '../test/console-staff.ts';
import { newCustomerWaId } from '../test/inbound-helpers.ts';
import { testConfig } from '../test/local-clients.ts';
import { sampleFiles } from '../test/sample-files.ts';

/**
 * The console as a human agent uses it, in headless Chromium against the test world's console
 * (served by Node) and its simulator: sign-in through the local Hosted UI, a handoff arriving live,
 * takeover, reply, release, a Viewer who can only read, and logout that the back button cannot undo.
 * `SCREENSHOT_DIR=docs/screenshots npm run test:browser -- api/console.browser.test.ts` renews the
 * README's screenshots.
 */
const config = testConfig();
const consoleUrl = (process.env.WECARE_LOCAL_CONSOLE_URL ?? config.console.baseUrl).replace(/\/$/, '');
const sim = `${config.local.awsEndpoint}/sim/api`;
const shots = process.env.SCREENSHOT_DIR ?? tmpdir();
const numbers = {
  main: { phone: '919330994400', metaId: '831049713436137' },
  second: { phone: '919903300044', metaId: '888782840987368' },
};

const customer = { waId: newCustomerWaId(), name: 'अनन्या सेन' };
const conversationId = `${numbers.main.metaId}#${customer.waId}`;
const conversationUrl = `${consoleUrl}/console/conversations/${encodeURIComponent(conversationId)}`;
const agentReply = 'नमस्ते अनन्या, I am Meera from WECARE.DIGITAL. How can I help you today?';

let browser: Browser;
let operator: { context: BrowserContext; page: Page };

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** A customer writes in the simulator, as its page would send it. */
async function customerSays(text: string, who = customer, number = numbers.main) {
  const response = await fetch(`${sim}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ businessPhone: number.phone, from: who.waId, name: who.name, text }),
  });
  expect(response.status).toBe(202);
}

/** The chat as the simulator shows it to the customer. */
async function chat(waId = customer.waId, number = numbers.main): Promise<SimMessage[]> {
  const response = await fetch(`${sim}/conversations/${number.metaId}/${waId}`);
  return ((await response.json()) as { messages: SimMessage[] }).messages;
}

const outgoing = async (waId = customer.waId, number = numbers.main) =>
  (await chat(waId, number)).filter((message) => message.direction === 'out').map((message) => message.text);

/** Signs in through the local Hosted UI in a new browser context. */
const signIn = (username: string, role: string) => signInToConsole(browser, consoleUrl, username, role);

describe('the console (Chromium)', { timeout: 120_000 }, () => {
  it('shows the login page and signs an Operator in through the local SSO', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(consoleUrl);
    await page.waitForURL(`${consoleUrl}/login?returnTo=%2Fconsole%2Finbox`);
    expect(await page.locator('h1.brand').textContent()).toBe('WECARE.DIGITAL');
    expect(await page.getByText('Continue with SSO').count()).toBe(1);
    expect(await page.locator('a, button, input[type=submit]').count()).toBe(1);
    expect(await page.locator('input').count()).toBe(0);

    await page.getByRole('link', { name: 'Continue with SSO' }).click();
    // The Hosted UI stand-in: a picker of the pool's users, no password field.
    await page.locator('button[value="meera.operator"]').waitFor();
    expect(await page.locator('input[type=password]').count()).toBe(0);
    await page.locator('button[value="meera.operator"]').click();
    await page.waitForURL(`${consoleUrl}/console/inbox`);
    expect(await page.locator('.bar .who').textContent()).toBe('meera.operator · Operator');

    const cookies = await context.cookies(consoleUrl);
    const access = cookies.find((cookie) => cookie.name === 'wecare_access');
    expect(access).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(cookies.some((cookie) => cookie.name === 'wecare_refresh')).toBe(true);
    // The page's script cannot read the session (the page runs this; Node has no `document`).
    expect(await page.evaluate('document.cookie')).toBe('');
    operator = { context, page };
  });

  it('sees a customer who asks for a person arrive live, takes over, replies and releases', async () => {
    const { page } = operator;
    // Another customer, in Bengali, to the second number: the bot answers and the inbox lists it too.
    const other = { waId: newCustomerWaId(), name: 'সুমন দত্ত' };
    await customerSays('What are your office hours?', other, numbers.second);
    await expect.poll(() => outgoing(other.waId, numbers.second), { timeout: 15_000 }).not.toHaveLength(0);

    // A mark on this window: still there once the rows arrived, so the page was not reloaded.
    await page.evaluate('window.notReloaded = true');
    await customerSays('I want to talk to a person');
    const row = page.locator(`#inbox-list .row.state-waiting_for_human[data-id="${conversationId}"]`);
    await row.waitFor({ timeout: 20_000 });
    const otherRow = page.locator(`#inbox-list .row[data-id="${numbers.second.metaId}#${other.waId}"]`);
    await otherRow.waitFor();
    expect(await otherRow.locator('.name').getAttribute('lang')).toBe('bn');
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    expect(await row.locator('.name').textContent()).toBe(customer.name);
    expect(await row.locator('.name').getAttribute('lang')).toBe('hi');
    expect(await row.locator('.reason').textContent()).toContain('customer-asked');
    await page.screenshot({ path: `${shots}/console-inbox.png` });

    // j moves down the inbox until this conversation is selected; Enter opens it.
    const rows = await page.locator('#inbox-list .row').count();
    for (let step = 0; step < rows; step++) {
      await page.keyboard.press('j');
      if ((await page.locator('#inbox-list .row.selected').getAttribute('data-id')) === conversationId) break;
    }
    expect(await page.locator('#inbox-list .row.selected').getAttribute('data-id')).toBe(conversationId);
    await page.keyboard.press('Enter');
    await page.waitForURL(conversationUrl);
    await page.locator('.handoff', { hasText: 'customer-asked' }).waitFor();

    // t takes it over; the reply box appears; the reply goes to the customer.
    await page.keyboard.press('t');
    await page.locator('#reply').waitFor();
    expect(await page.locator('#summary .badge').textContent()).toBe('With a person');
    await page.keyboard.press('r');
    expect(await page.evaluate('document.activeElement?.id')).toBe('reply');
    await page.keyboard.type(agentReply);
    await page.locator('#reply-form button[type=submit]').click();
    const sent = page.locator('#timeline .message.out', { hasText: agentReply });
    await sent.waitFor();
    await expect.poll(() => outgoing(), { timeout: 10_000 }).toContain(agentReply);
    // The simulator reads it; the tick comes back to the console live.
    await sent.locator('.tick-read').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${shots}/console-conversation.png`, fullPage: true });

    // A file: a PDF picked in the page reaches the customer as a document with its caption.
    await page
      .locator('#file')
      .setInputFiles({ name: 'Price list.pdf', mimeType: 'application/pdf', buffer: sampleFiles.pdf });
    await page.getByLabel('Caption').fill('Our price list');
    await page.getByRole('button', { name: 'Send file' }).click();
    await expect
      .poll(
        async () =>
          (await chat(customer.waId, numbers.main)).find(
            (message) => message.direction === 'out' && message.type === 'document',
          )?.text,
        { timeout: 10_000 },
      )
      .toBe('Our price list');

    await page
      .getByLabel('Summary for the bot')
      .fill('Greeted Ananya; she had no further question for a person.');
    await page.getByRole('button', { name: 'Release to the bot' }).click();
    await page.locator('#takeover').waitFor();
    expect(await page.locator('#summary .badge').textContent()).toBe('Bot');
    const before = (await outgoing()).length;

    await customerSays('What are your office hours?');
    await expect.poll(async () => (await outgoing()).length, { timeout: 20_000 }).toBeGreaterThan(before);
    const answer = (await outgoing()).at(-1) ?? '';
    expect(answer).not.toBe(agentReply);
    expect(answer).toContain('Monday to Saturday');
    // The open conversation shows the customer's message and the bot's answer without a reload.
    await page
      .locator('#timeline .message.out', { hasText: answer.slice(0, 40) })
      .waitFor({ timeout: 20_000 });
  });

  it('lets a Viewer read the conversation without a reply box, and refuses a Viewer’s reply', async () => {
    const viewer = await signIn('vikram.viewer', 'Viewer');
    const { page } = viewer;
    await page.goto(conversationUrl);
    await page.locator('#timeline .message.out', { hasText: agentReply }).waitFor();
    expect(await page.locator('#reply, #reply-form, #takeover, #release-form').count()).toBe(0);
    expect(await page.locator('#actions').textContent()).toContain('You can read this conversation');

    // The page's own fetch (its cookies, its Origin): refused for the role, not for the origin.
    const refused = await page.evaluate(
      async ({ path, requestId }) => {
        const response = await fetch(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ text: 'A viewer should not be able to send this', requestId }),
        });
        return { status: response.status, body: await response.json() };
      },
      { path: `/api/conversations/${encodeURIComponent(conversationId)}/reply`, requestId: randomUUID() },
    );
    expect(refused).toEqual({
      status: 403,
      body: { error: 'forbidden', message: 'This needs the Operator role.' },
    });
    const takeover = await page.request.post(
      `${consoleUrl}/api/conversations/${encodeURIComponent(conversationId)}/takeover`,
      { headers: { origin: consoleUrl }, data: { version: 0 } },
    );
    expect(takeover.status()).toBe(403);
    expect(await outgoing()).not.toContain('A viewer should not be able to send this');
    await viewer.context.close();
  });

  it('lets an Admin give a newcomer a role on the Users page, find it in the audit log, and add a contact', async () => {
    const username = await newStaffMember('browser');
    const admin = await signIn('anita.admin', 'Admin');
    const { page } = admin;
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(`${consoleUrl}/console/users`);
    // Anita cannot take away her own Admin role: the switch is disabled.
    expect(await page.getByRole('button', { name: 'Remove anita.admin from Admin' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: `Add ${username} to Viewer` }).click();
    await page.getByRole('button', { name: `Remove ${username} from Viewer` }).waitFor();
    await page.screenshot({ path: `${shots}/console-users.png` });
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.waitForURL(`${consoleUrl}/console/audit`);
    await page.locator('#audit tr', { hasText: 'role-added' }).filter({ hasText: username }).waitFor();
    // A contact added on the Contacts page is found by its number typed another way.
    const mobile = `9${String(Date.now()).slice(-9)}`;
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByLabel('Name', { exact: true }).fill('সুমন দত্ত');
    await page.getByLabel('Number', { exact: true }).fill(`+91 ${mobile}`);
    await page.getByRole('button', { name: 'Add' }).click();
    await page.locator('#status', { hasText: 'Saved.' }).waitFor();
    await page.getByLabel('Name or number').fill(`0${mobile}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#contacts td', { hasText: 'সুমন দত্ত' }).waitFor();
    // A CSV with a wrong row: the valid rows are imported behind the progress bar, the wrong one named.
    const csv = [
      'name,phone,email',
      `Import One,+91 8${String(Date.now()).slice(-9)},`,
      'Import Bad,12345,',
      `Import Two,+91 7${String(Date.now()).slice(-9)},two@example.com`,
    ].join('\n');
    await page
      .locator('#import-file')
      .setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.locator('#status', { hasText: 'Imported 2 contacts.' }).waitFor();
    await page.locator('#import-report', { hasText: 'Line 3: phone' }).waitFor();
    await page.getByRole('link', { name: 'Dead letters' }).click();
    await page.locator('nav.queues a', { hasText: 'outbound' }).waitFor();
    await admin.context.close();
  });

  it('signs out, and the back button then shows the login page, not the conversation', async () => {
    const { page, context } = operator;
    await page.getByRole('link', { name: 'Sign out' }).click();
    await page.waitForURL(`${consoleUrl}/login`);
    expect(await page.getByText('Continue with SSO').count()).toBe(1);
    expect((await context.cookies(consoleUrl)).map((cookie) => cookie.name)).not.toContain('wecare_access');

    await page.goBack();
    await page.waitForURL(/\/login\?/);
    expect(page.url()).toBe(
      `${consoleUrl}/login?returnTo=${encodeURIComponent(new URL(conversationUrl).pathname)}`,
    );
    await page.getByText('Continue with SSO').waitFor();
    expect(await page.locator('main[data-page]').count()).toBe(0);
    expect(await page.getByText(agentReply).count()).toBe(0);
    const api = await page.request.get(`${consoleUrl}/api/conversations`);
    expect(api.status()).toBe(401);
    await context.close();
  });
});
