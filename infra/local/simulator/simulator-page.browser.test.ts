import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import { launchChromium } from '../../../test/browser.ts';
import { newCustomerWaId } from '../../../test/inbound-helpers.ts';
import { testClients, testConfig, unique } from '../../../test/local-clients.ts';

const config = testConfig();
const clients = testClients();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Opens the simulator as a customer of one business number. */
async function openChat(numberLabel: RegExp, name: string, waId: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(`${config.local.awsEndpoint}/sim`);
  const option = await page.locator('#number option').filter({ hasText: numberLabel }).getAttribute('value');
  await page.selectOption('#number', option ?? '');
  await page.fill('#name', name);
  await page.fill('#waid', waId);
  await page.dispatchEvent('#waid', 'change');
  return page;
}

async function say(page: Page, text: string) {
  await page.fill('#text', text);
  await page.click('#send');
  await page.locator('.bubble.in', { hasText: text }).waitFor();
}

describe('WhatsApp simulator page (Chromium)', () => {
  it('chats in Hindi and English with both numbers, with ticks moving to read', async () => {
    const waId = newCustomerWaId();
    const page = await openChat(/Manish Agarwal/, 'राहुल वर्मा', waId);
    await say(page, 'नमस्ते! Are you open on Sunday?');
    await page.fill('#reply', 'Yes, 10 to 6 — रविवार को भी।');
    await page.click('#send-reply');
    const reply = page.locator('.bubble.out', { hasText: 'Yes, 10 to 6' });
    await reply.and(page.locator('[data-status="read"]')).waitFor();
    expect(await reply.locator('.tick.read').count()).toBe(1);

    const other = await openChat(/WECARE\.DIGITAL/, 'Priya Sharma', waId);
    await say(other, 'Hello from the other number');
    expect(await other.locator('.bubble.in').count()).toBe(1);
    await page.close();
    await other.close();
  });

  it('taps reply buttons and list rows, and reacts, as real interactive events', async () => {
    const waId = newCustomerWaId();
    const page = await openChat(/WECARE\.DIGITAL/, 'Asha', waId);
    await say(page, 'Which plans do you have?');
    await expect
      .poll(
        () =>
          clients.documents
            .send(
              new GetCommand({
                TableName: config.tables.conversations,
                Key: { id: `831049713436137#${waId}` },
              }),
            )
            .then((found) => found.Item?.lastInboundWamid),
        { timeout: 5000 },
      )
      .toBeTruthy();
    const sender = whatsAppSender(config, clients);
    await sender.send({
      idempotencyKey: unique('plans'),
      from: '831049713436137',
      to: waId,
      content: {
        type: 'buttons',
        body: 'Pick a plan',
        buttons: [
          { id: 'plan-basic', title: 'Basic' },
          { id: 'plan-plus', title: 'Plus' },
        ],
      },
      sentBy: { kind: 'bot' },
    });
    await sender.send({
      idempotencyKey: unique('slots'),
      from: '831049713436137',
      to: waId,
      content: {
        type: 'list',
        body: 'Pick a slot',
        buttonText: 'Slots',
        sections: [{ rows: [{ id: 'sat-10', title: 'Sat 10:00', description: 'Morning' }] }],
      },
      sentBy: { kind: 'bot' },
    });

    await page.locator('.bubble.out button', { hasText: 'Plus' }).click();
    await page.locator('.bubble.in', { hasText: 'Plus' }).waitFor();
    await page.locator('.bubble.out button', { hasText: 'Sat 10:00' }).click();
    await page.locator('.bubble.in', { hasText: 'Sat 10:00' }).waitFor();
    const pickPlan = page.locator('.bubble.out', { hasText: 'Pick a plan' });
    await pickPlan.hover();
    await pickPlan.locator('button[data-react="🙏"]').click();
    await pickPlan.locator('.reactions', { hasText: '🙏' }).waitFor();

    const sent = (await (
      await fetch(`${config.local.awsEndpoint}/sim/api/conversations/831049713436137/${waId}`)
    ).json()) as { messages: Array<{ wamid: string; text: string }> };
    const plus = sent.messages.find((message) => message.text === 'Plus');
    await expect
      .poll(
        () =>
          clients.documents
            .send(new GetCommand({ TableName: config.tables.whatsAppInbound, Key: { id: plus?.wamid } }))
            .then((found) => found.Item?.payload),
        { timeout: 5000 },
      )
      .toEqual({ type: 'button_reply', buttonReply: { id: 'plan-plus', title: 'Plus' } });
    await page.close();
  });

  it('uploads a document and shares a location', async () => {
    const waId = newCustomerWaId();
    const page = await openChat(/WECARE\.DIGITAL/, 'Kabir', waId);
    await page.setInputFiles('#file', {
      name: 'prescription.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 prescription'),
    });
    await page.locator('.bubble.in', { hasText: 'prescription.pdf' }).waitFor();
    await page.click('#location');
    await page.locator('.bubble.in', { hasText: 'Park Street' }).waitFor();
    const messages = (
      (await (
        await fetch(`${config.local.awsEndpoint}/sim/api/conversations/831049713436137/${waId}`)
      ).json()) as { messages: Array<{ wamid: string; type: string }> }
    ).messages;
    const document = messages.find((message) => message.type === 'document');
    await expect
      .poll(
        () =>
          clients.documents
            .send(new GetCommand({ TableName: config.tables.whatsAppInbound, Key: { id: document?.wamid } }))
            .then((found) => found.Item?.media?.status),
        { timeout: 5000 },
      )
      .toBe('stored');
    await page.close();
  });

  it('shows a failed tick with the reason when the customer is unreachable', async () => {
    const waId = newCustomerWaId();
    const page = await openChat(/WECARE\.DIGITAL/, 'Dev', waId);
    await say(page, 'Hi');
    await page.check('#unreachable');
    await expect
      .poll(
        async () => {
          await page.fill('#reply', 'Hello Dev');
          await page.click('#send-reply');
          return page.locator('.bubble.out').count();
        },
        { timeout: 5000 },
      )
      .toBeGreaterThan(0);
    await page.locator('.bubble.out .failure', { hasText: '131026' }).first().waitFor();
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/simulator-unreachable.png` });
    await page.close();
  });
});
