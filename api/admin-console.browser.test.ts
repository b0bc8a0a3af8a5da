import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterQueueFor } from '#channels/dead-letters/replay-dead-letters.ts';
import type { DeadLetter } from '#core/dead-letters/dead-letter.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { launchChromium, signInToConsole } from '../test/browser.ts';
import { bearer, newStaffMember, staffUsers, tokensOf } from '../test/console-staff.ts';
import { newCustomerWaId, newWamid, unixSeconds } from '../test/inbound-helpers.ts';
import { testClients, testConfig, unique } from '../test/local-clients.ts';
import { sampleFiles } from '../test/sample-files.ts';
import { sentTo } from '../test/stand-in-outbox.ts';

/**
 * The console's admin pages in headless Chromium against the test world's console and simulator:
 * an Admin imports a CSV with bad rows, uploads a document, ingests it and asks the bot about it in
 * the simulator, replays a dead letter and changes a person's role; a Viewer and an Operator are
 * refused what is not theirs, in the page and by the API.
 *
 * `SCREENSHOT_DIR=docs/screenshots npm run test:browser -- api/admin-console.browser.test.ts` renews
 * the README's screenshots of the Knowledge Base and the dashboard.
 *
 * The tests run in order: the refusals come first and leave the dead letter where it is, then the
 * Admin replays it.
 */
const config = testConfig();
const shots = process.env.SCREENSHOT_DIR ?? tmpdir();
const consoleUrl = (process.env.WECARE_LOCAL_CONSOLE_URL ?? config.console.baseUrl).replace(/\/$/, '');
const [wecare] = businessNumbers(config) as [BusinessNumber];
const deadLetterQueue = 'whatsapp-inbound';

let browser: Browser;
/** A customer's message that could not be handled, waiting on a dead-letter queue. */
let letter: DeadLetter;
const letterCustomer = newCustomerWaId();

beforeAll(async () => {
  browser = await launchChromium();
  letter = await deadLetterQueueFor(config, testClients(), deadLetterQueue).send({
    kind: 'whatsapp-inbound',
    error: { code: 'upstream', message: `DynamoDB was unavailable for +${letterCustomer}` },
    disposition: 'retry',
    payload: inboundLambdaEvent(config, wecare, {
      contacts: [{ profile: { name: 'Rina' }, wa_id: letterCustomer }],
      messages: [
        {
          from: letterCustomer,
          id: newWamid(),
          timestamp: unixSeconds(new Date()),
          type: 'text',
          text: { body: 'What are your office hours?' },
        },
      ],
    }),
  });
});
afterAll(() => browser?.close());

/** Signs in through the local Hosted UI in a new browser context. */
const signIn = (username: string, role: string) => signInToConsole(browser, consoleUrl, username, role);

/** A call from the page's own script (its cookies, its Origin); the status the API answers with. */
function postFromPage(page: Page, path: string, body: unknown, contentType = 'application/json') {
  return page.evaluate(
    async (request) => {
      const response = await fetch(request.path, {
        method: 'POST',
        headers: { 'content-type': request.contentType, accept: 'application/json' },
        body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
      });
      return response.status;
    },
    { path, body, contentType },
  );
}

/** A document upload from the page's own script, as the Knowledge Base form sends it (multipart). */
function uploadFromPage(page: Page, title: string) {
  return page.evaluate(async (documentTitle) => {
    const form = new FormData();
    form.set('file', new Blob(['Office hours are changing.'], { type: 'text/plain' }), 'hours.txt');
    form.set('title', documentTitle);
    form.set('language', 'en');
    form.set('owner', 'Operations');
    form.set('requestId', crypto.randomUUID());
    const response = await fetch('/api/knowledge-base/documents', {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: form,
    });
    return response.status;
  }, title);
}

/** What the Admin's API lists (a bearer token, outside any browser): to check a refusal changed nothing. */
async function asAdmin<T>(path: string): Promise<T> {
  const { access_token } = await tokensOf(staffUsers.admin);
  const response = await fetch(`${consoleUrl}${path}`, {
    headers: { ...bearer(access_token), accept: 'application/json' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const navLinks = (page: Page) => page.locator('header.bar nav a').allTextContents();

/** Distinct valid Indian mobile numbers of this run. */
const mobile = () => `6${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

/**
 * What a Viewer and an Operator share: the admin pages are 403 pages, their links are not in the
 * bar, and the API refuses the same actions from the page's own script; nothing was changed.
 */
async function refusedTheAdminPages(page: Page, role: string) {
  expect(await navLinks(page)).toEqual(['Inbox', 'Dashboard', 'Contacts', 'Templates', 'Audit', 'Evals']);
  for (const path of [
    '/console/knowledge-base',
    `/console/dead-letters?queue=${deadLetterQueue}`,
    '/console/dead-letters',
    '/console/users',
  ]) {
    const response = await page.goto(`${consoleUrl}${path}`);
    expect(response?.status(), path).toBe(403);
    expect(await page.locator('main h1').textContent()).toBe('Not for your role');
    expect(await page.locator('#kb-upload, #ingestion, input[name="ids[]"], #users').count()).toBe(0);
  }

  await page.goto(`${consoleUrl}/console/inbox`);
  const title = `Refused ${role} ${unique('doc')}`;
  expect(await uploadFromPage(page, title)).toBe(403);
  expect(await postFromPage(page, '/api/knowledge-base/ingestions', { requestId: randomUUID() })).toBe(403);
  expect(await postFromPage(page, `/api/dead-letters/${deadLetterQueue}/replay`, { ids: [letter.id] })).toBe(
    403,
  );
  expect(await postFromPage(page, '/api/dead-letters/outbound/replay', { next: 'true' })).toBe(403);
  expect(
    await postFromPage(page, `/api/users/${encodeURIComponent(staffUsers.viewer)}/groups`, {
      group: 'Admin',
      action: 'add',
    }),
  ).toBe(403);

  // Nothing of it happened: no such document, the letter still waits, the Viewer is no Admin.
  const library = await asAdmin<{ documents: Array<{ title: string }> }>('/api/knowledge-base/documents');
  expect(library.documents.map((document) => document.title)).not.toContain(title);
  const { letters } = await asAdmin<{ letters: Array<{ id: string }> }>(
    `/api/dead-letters/${deadLetterQueue}`,
  );
  expect(letters.map((each) => each.id)).toContain(letter.id);
  const { items } = await asAdmin<{ items: Array<{ username: string; groups: string[] }> }>('/api/users');
  expect(items.find((user) => user.username === staffUsers.viewer)?.groups).not.toContain('Admin');
}

describe('the admin console (Chromium)', { timeout: 120_000 }, () => {
  it('refuses a Viewer the import, the Knowledge Base, dead letters and users, in the page and by the API', async () => {
    const { context, page } = await signIn(staffUsers.viewer, 'Viewer');
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.waitForURL(`${consoleUrl}/console/contacts`);
    await page.getByLabel('Name or number').waitFor();
    expect(await page.locator('#import-form, #import-file, #import-progress').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add' }).count()).toBe(0);
    const number = mobile();
    expect(
      await postFromPage(
        page,
        '/api/contacts/import?mode=check',
        `name,phone\nA,+91 ${number}\n`,
        'text/csv',
      ),
    ).toBe(403);
    expect(
      await postFromPage(
        page,
        `/api/contacts/import?mode=valid&from=0&count=2500&id=${randomUUID()}`,
        `name,phone\nA,+91 ${number}\n`,
        'text/csv',
      ),
    ).toBe(403);
    const found = await asAdmin<{ items: unknown[] }>(`/api/contacts?q=0${number}`);
    expect(found.items).toEqual([]);

    await refusedTheAdminPages(page, 'Viewer');
    await context.close();
  });

  it('lets an Operator import contacts, and refuses the Knowledge Base, dead letters and users', async () => {
    const { context, page } = await signIn(staffUsers.operator, 'Operator');
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.waitForURL(`${consoleUrl}/console/contacts`);
    const [first, second] = [mobile(), mobile()];
    const csv = ['name,phone', `Operator Import,+91 ${first}`, `অপারেটর আমদানি,0${second}`].join('\n');
    await page
      .locator('#import-file')
      .setInputFiles({ name: 'operator.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.locator('#status', { hasText: 'Imported 2 contacts.' }).waitFor();
    expect(await page.locator('#import-report p').allTextContents()).toEqual([
      '2 of 2 rows can be imported.',
    ]);
    await page.getByLabel('Name or number').fill(`+91 ${second}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#contacts tr[data-contact]', { hasText: 'অপারেটর আমদানি' }).waitFor();

    await refusedTheAdminPages(page, 'Operator');
    await context.close();
  });

  it('lets an Admin import a CSV with bad rows: each named by its line, all-or-none refused, the valid rows in', async () => {
    const { context, page } = await signIn(staffUsers.admin, 'Admin');
    expect(await navLinks(page)).toEqual(
      expect.arrayContaining(['Contacts', 'Knowledge Base', 'Dead letters', 'Users']),
    );
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.waitForURL(`${consoleUrl}/console/contacts`);

    // A contact already there, added with the form.
    const taken = mobile();
    await page.getByLabel('Name', { exact: true }).fill('Already Here');
    await page.getByLabel('Number', { exact: true }).fill(`+91 ${taken}`);
    await page.getByRole('button', { name: 'Add' }).click();
    await page.locator('#status', { hasText: 'Saved.' }).waitFor();

    const [rekha, moumita, wrongLanguage] = [mobile(), mobile(), mobile()];
    const csv = [
      'name,phone,email,language',
      `Rekha Import,+91 ${rekha},,en`,
      'Bad Number,12345,,',
      `মৌমিতা ঘোষ,+91 ${moumita},moumita@example.com,bn`,
      `Rekha Again,0${rekha},,`,
      `Already Here,${taken},,`,
      `Wrong Language,+91 ${wrongLanguage},,fr`,
    ].join('\n');
    await page
      .locator('#import-file')
      .setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    // All rows or none: the bad rows are listed by line and nothing is written.
    await page.getByLabel('All rows or none').check();
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.locator('#status.error', { hasText: 'Nothing imported' }).waitFor();
    const report = page.locator('#import-report p');
    expect(await report.first().textContent()).toBe('2 of 6 rows can be imported.');
    const problems = await page.locator('#import-report p.note').allTextContents();
    expect(problems.map((problem) => Number(/^Line (\d+):/.exec(problem)?.[1]))).toEqual([3, 5, 6, 7]);
    expect(problems[0]).toMatch(/^Line 3: phone/);
    expect(problems[1]).toContain('the same number as line 2');
    expect(problems[2]).toContain('a contact with this number exists');
    expect(problems[3]).toMatch(/^Line 7: language/);
    expect(await page.locator('#import-progress').isHidden()).toBe(true);
    const none = await asAdmin<{ items: unknown[] }>(`/api/contacts?q=0${rekha}`);
    expect(none.items).toEqual([]);

    // The valid rows only: the two go in behind the progress bar; the bad ones are still named.
    await page.getByLabel('Import the valid rows').check();
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.locator('#status', { hasText: 'Imported 2 contacts.' }).waitFor();
    expect(await page.locator('#status').getAttribute('class')).not.toContain('error');
    expect(await page.locator('#import-report p.note').count()).toBe(4);
    const progress = page.locator('#import-progress');
    expect(await progress.isVisible()).toBe(true);
    // The bar is full: both valid rows written.
    expect([await progress.getAttribute('value'), await progress.getAttribute('max')]).toEqual(['2', '2']);

    await page.getByLabel('Name or number').fill(`0${moumita}`);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator('#contacts tr[data-contact]', { hasText: 'মৌমিতা ঘোষ' });
    await row.waitFor();
    expect(await row.textContent()).toContain('moumita@example.com');
    for (const [number, found] of [
      [rekha, 1],
      [wrongLanguage, 0],
      [taken, 1],
    ] as const) {
      const result = await asAdmin<{ items: Array<{ name: string }> }>(`/api/contacts?q=0${number}`);
      expect(result.items, number).toHaveLength(found);
    }
    // The contact that was there keeps its name: the import did not overwrite it.
    expect(
      (await asAdmin<{ items: Array<{ name: string }> }>(`/api/contacts?q=0${taken}`)).items[0]?.name,
    ).toBe('Already Here');
    await context.close();
  });

  it('lets an Admin upload a document and ingest it; the bot then answers a customer in the simulator from it', async () => {
    const { context, page } = await signIn(staffUsers.admin, 'Admin');
    await page.getByRole('link', { name: 'Knowledge Base' }).click();
    await page.waitForURL(`${consoleUrl}/console/knowledge-base`);

    // A fact no other document states, next to a word nobody else uses.
    const marker = `kite${randomUUID()
      .replace(/[^a-z]/g, '')
      .slice(0, 8)}`;
    const title = `Festival hours ${marker}`;
    const upload = page.locator('#kb-upload');
    await upload.getByLabel('File').setInputFiles({
      name: 'festival-hours.html',
      mimeType: 'text/html',
      buffer: Buffer.from(
        `<!DOCTYPE html><html><body><h1>${title}</h1><p>During the ${marker} season the office opens at 07:45.</p></body></html>`,
      ),
    });
    await upload.getByLabel('Title').fill(title);
    await upload.getByLabel('Language').selectOption('en');
    await upload.getByLabel('Owner').fill('Operations');
    const uploaded = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        new URL(response.url()).pathname === '/api/knowledge-base/documents',
    );
    await upload.getByRole('button', { name: 'Upload' }).click();
    const response = await uploaded;
    expect(response.status()).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const row = page.locator(`#documents tr[data-document="${id}"]`);
    await row.and(page.locator('[data-state="staged"]')).waitFor();
    expect(await row.textContent()).toContain(title);
    expect(await row.locator('.kb-status').textContent()).toBe('Staged: not in the answers until published');

    // A program renamed .pdf is refused, and the page says why (the message survives the redraw).
    await upload
      .getByLabel('File')
      .setInputFiles({ name: 'prices.pdf', mimeType: 'application/pdf', buffer: sampleFiles.exe });
    await upload.getByLabel('Title').fill('Not a PDF');
    await upload.getByLabel('Owner').fill('Operations');
    await upload.getByRole('button', { name: 'Upload' }).click();
    await page.locator('#status.error', { hasText: 'PDF, Word, HTML, Markdown' }).waitFor();
    // A catalog with a mistake is refused with the mistake named, and what was typed stays to be corrected.
    const catalog = page.locator('#catalog-form textarea');
    const broken = (await catalog.inputValue()).replace('"currency": "INR"', '"currency": "USD"');
    await catalog.fill(broken);
    await page.locator('#catalog-form').getByRole('button', { name: 'Save the catalog' }).click();
    await page.locator('#status.error', { hasText: 'currency' }).waitFor();
    expect(await catalog.inputValue()).toBe(broken);

    // Before publishing: the staged upload indexed (no customer sees it), then evaluated against the evals.
    const indexed = await startIngestion(page, 'Index the staged changes');
    await page.locator('#status', { hasText: `Ingestion ${indexed}: complete` }).waitFor({ timeout: 60_000 });
    expect(await row.getAttribute('data-state')).toBe('staged');
    await page.locator('#evaluate').getByRole('button', { name: 'Evaluate them against the evals' }).click();
    await page
      .locator('#evaluation', { hasText: 'cases resting on the documents' })
      .waitFor({ timeout: 60_000 });
    expect(await page.locator('#gate-worse').textContent()).toMatch(/^\d+$/);
    await page.screenshot({ path: `${shots}/console-knowledge-base.png`, fullPage: true });

    const job = await startIngestion(page, 'Publish the staged changes');
    await row.and(page.locator('[data-state="indexed"]')).waitFor({ timeout: 60_000 });
    await page.locator('#status', { hasText: `Ingestion ${job}: complete` }).waitFor();
    expect(await row.locator('.kb-status').textContent()).toBe('In the answers');
    expect(await page.locator(`#ingestion tr[data-job="${job}"] td`).nth(1).textContent()).toBe('COMPLETE');

    // A customer asks in the simulator; the answer carries the document's fact.
    const chat = await context.newPage();
    await chat.goto(`${config.local.awsEndpoint}/sim`);
    const option = await chat
      .locator('#number option')
      .filter({ hasText: /WECARE\.DIGITAL/ })
      .getAttribute('value');
    await chat.selectOption('#number', option ?? '');
    await chat.fill('#name', 'Priya Sharma');
    await chat.fill('#waid', newCustomerWaId());
    await chat.dispatchEvent('#waid', 'change');
    const question = `When does the office open during the ${marker} season?`;
    await chat.fill('#text', question);
    await chat.click('#send');
    await chat.locator('.bubble.in', { hasText: question }).waitFor();
    const answers = chat.locator('.bubble.out');
    await answers.first().waitFor({ timeout: 30_000 });
    expect(await answers.first().textContent()).toContain('07:45');
    await context.close();
  });

  it('lets an Admin replay a dead letter: its customer is answered once, and the letter is gone', async () => {
    const { context, page } = await signIn(staffUsers.admin, 'Admin');
    await page.getByRole('link', { name: 'Dead letters' }).click();
    await page.locator('nav.queues a', { hasText: deadLetterQueue }).first().click();
    await page.waitForURL(`${consoleUrl}/console/dead-letters?queue=${deadLetterQueue}`);
    const box = page.locator(`input[name="ids[]"][value="${letter.id}"]`);
    const row = page.locator('#letters tr', { has: box });
    expect(await row.textContent()).toContain('whatsapp-inbound');
    // The customer's number is masked in the reason and the preview.
    expect(await row.textContent()).not.toContain(letterCustomer);
    expect(await row.textContent()).toContain(`••••${letterCustomer.slice(-4)}`);
    expect(await sentTo(letterCustomer)).toEqual([]);

    await box.check();
    await page.getByRole('button', { name: 'Replay the chosen letters' }).click();
    await page.locator('#status', { hasText: `Done. ${letter.id.slice(0, 8)}: replayed` }).waitFor();
    await expect.poll(() => box.count()).toBe(0);
    await expect.poll(async () => (await sentTo(letterCustomer)).length, { timeout: 20_000 }).toBe(1);

    // Asked for again, the letter is not found: nothing is sent twice.
    const again = await page.evaluate(
      async (request) => {
        const response = await fetch(request.path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ ids: [request.id] }),
        });
        return (await response.json()) as { results: Array<{ id: string; outcome: string }> };
      },
      { path: `/api/dead-letters/${deadLetterQueue}/replay`, id: letter.id },
    );
    expect(again.results).toEqual([expect.objectContaining({ id: letter.id, outcome: 'not-found' })]);
    expect(await sentTo(letterCustomer)).toHaveLength(1);
    await context.close();
  });

  it('lets an Admin change a newcomer’s role from Viewer to Operator, which the newcomer has at the next sign-in', async () => {
    const newcomer = await newStaffMember('admin-flow');
    const admin = await signIn(staffUsers.admin, 'Admin');
    const { page } = admin;
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(`${consoleUrl}/console/users`);
    const button = (action: 'Add' | 'Remove', group: string) =>
      page.getByRole('button', {
        name: `${action} ${newcomer} ${action === 'Add' ? 'to' : 'from'} ${group}`,
      });

    await button('Add', 'Viewer').click();
    await button('Remove', 'Viewer').waitFor();
    const asViewer = await signIn(newcomer, 'Viewer');
    await asViewer.context.close();

    await button('Add', 'Operator').click();
    await button('Remove', 'Operator').waitFor();
    await button('Remove', 'Viewer').click();
    await button('Add', 'Viewer').waitFor();
    const row = page.locator(`#users tr[data-username="${newcomer}"]`);
    expect(await row.locator('button[aria-pressed="true"]').allTextContents()).toEqual(['✓ member']);
    expect(await button('Remove', 'Operator').getAttribute('aria-pressed')).toBe('true');

    const asOperator = await signIn(newcomer, 'Operator');
    await asOperator.page.getByRole('link', { name: 'Contacts' }).click();
    await asOperator.page.locator('#import-form').waitFor();
    await asOperator.context.close();

    await page.getByRole('link', { name: 'Audit' }).click();
    await page.waitForURL(`${consoleUrl}/console/audit`);
    await page.locator('#audit tr', { hasText: 'role-removed' }).filter({ hasText: newcomer }).waitFor();
    expect(
      await page.locator('#audit tr', { hasText: 'role-added' }).filter({ hasText: newcomer }).count(),
    ).toBe(2);
    await admin.context.close();
  });

  it('shows a Viewer the dashboard: the day counters the pipeline kept, drawn as charts', async () => {
    const { context, page } = await signIn(staffUsers.viewer, 'Viewer');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(`${consoleUrl}/console/dashboard`);
    // The earlier tests' customers wrote today, and the bot answered them.
    expect(Number(await page.locator('[data-total="whatsAppIn"]').textContent())).toBeGreaterThan(0);
    expect(Number(await page.locator('[data-total="whatsAppOut"]').textContent())).toBeGreaterThan(0);
    expect(await page.locator('figure.chart svg rect').count()).toBeGreaterThan(0);
    expect(await page.locator('#days tr[data-day]').count()).toBe(14);
    await page.screenshot({ path: `${shots}/console-dashboard.png`, fullPage: true });
    await context.close();
  });
});

/**
 * Clicks one of the buttons that start an ingestion ("Index the staged changes", or "Publish the
 * staged changes", which publishes them first) and returns the job's id. Other tests share the Knowledge Base: while
 * one of theirs runs the button is disabled (or the API answers 409), so it waits and clicks again.
 */
async function startIngestion(page: Page, button: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const start = page.locator('#ingestion').getByRole('button', { name: button });
    await expect
      .poll(
        async () => {
          if (await start.isEnabled()) return true;
          await page.reload();
          return false;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);
    const answered = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        new URL(response.url()).pathname === '/api/knowledge-base/ingestions',
    );
    await start.click();
    const response = await answered;
    if (response.status() !== 409 || attempt === 10) {
      expect(response.status()).toBe(202);
      return ((await response.json()) as { id: string }).id;
    }
  }
}
