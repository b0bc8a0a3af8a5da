import { describe, expect, it } from 'vitest';
import { accessToken, consoleCaller, conversationPath, testConsole } from '../../test/console-client.ts';
import { newCustomerWaId } from '../../test/inbound-helpers.ts';
import { botReplies, say } from '../../test/simulator-chat.ts';

const { app } = testConsole();

type Dashboard = {
  days: Array<{ day: string; whatsAppIn: number; handoffs: number; peopleReplies: number }>;
  totals: { whatsAppIn: number; handoffs: number; peopleReplies: number };
  handoffReasons: Array<{ reason: string; count: number }>;
  humanReply: { replies: number; medianWithinSeconds: number | null };
};

describe('the dashboard (everyone signed in)', () => {
  it('counts what the pipeline did: a message in, a handoff with its reason, a person’s reply and its wait', async () => {
    const viewer = consoleCaller(app, await accessToken('vikram.viewer'));
    const operator = consoleCaller(app, await accessToken('meera.operator'));
    const read = async () => (await (await viewer.get('/api/dashboard?days=7')).json()) as Dashboard;
    const reasonCount = (view: Dashboard) =>
      view.handoffReasons.find((entry) => entry.reason === 'customer-asked')?.count ?? 0;
    const before = await read();

    // Through the real path (simulator, inbound function, bot): the message is stored, the bot hands
    // over and tells the customer; then a person replies in the console.
    const waId = newCustomerWaId();
    await say(waId, 'I want to talk to a person');
    await botReplies(waId, 1);
    const id = `831049713436137#${waId}`;
    const { conversation } = (await (await viewer.get(conversationPath(id))).json()) as {
      conversation: { version: number; state: string };
    };
    expect(conversation.state).toBe('waiting_for_human');
    await operator.post(`${conversationPath(id)}/takeover`, { version: conversation.version });
    expect(
      (await operator.post(`${conversationPath(id)}/reply`, { text: 'Hello, Meera here.' })).status,
    ).toBe(200);
    // A second reply is not the first since the handoff: it adds a reply, not a wait.
    expect((await operator.post(`${conversationPath(id)}/reply`, { text: 'How can I help?' })).status).toBe(
      200,
    );

    const after = await read();
    expect(after.days).toHaveLength(7);
    // Other test files count into the same day at the same time: at least what this test did.
    expect(after.totals.whatsAppIn).toBeGreaterThanOrEqual(before.totals.whatsAppIn + 1);
    expect(after.totals.handoffs).toBeGreaterThanOrEqual(before.totals.handoffs + 1);
    expect(reasonCount(after)).toBeGreaterThanOrEqual(reasonCount(before) + 1);
    expect(after.totals.peopleReplies).toBeGreaterThanOrEqual(before.totals.peopleReplies + 2);
    expect(after.humanReply.replies).toBeGreaterThanOrEqual(before.humanReply.replies + 1);
    expect(after.humanReply.medianWithinSeconds).not.toBeNull();
    expect(after.days.at(-1)?.whatsAppIn).toBeGreaterThan(0);
  });

  it('draws the page with its charts for a Viewer, and refuses a period it does not offer', async () => {
    const viewer = consoleCaller(app, await accessToken('vikram.viewer'));
    const page = await app.request('/console/dashboard?days=30', {
      headers: { authorization: `Bearer ${await accessToken('vikram.viewer')}`, accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text.match(/<svg /g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(text.match(/<tr data-day="/g)).toHaveLength(30);
    expect((await viewer.get('/api/dashboard?days=5')).status).toBe(400);
  });
});
