import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessToken, consoleCaller, conversationPath, testConsole } from '../../test/console-client.ts';
import { customerWrites, invoiceWaiting as invoiceOf } from '../../test/console-data.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { sampleFiles } from '../../test/sample-files.ts';
import { sentTo } from '../../test/stand-in-outbox.ts';

const hourMs = 60 * 60 * 1000;

type Caller = ReturnType<typeof consoleCaller>;
type Item = { id: string; state: string; version: number; owner: string | null; customerName: string | null };

const { app, desk } = testConsole();
const tag = `t${Date.now().toString(36)}`;
let viewer: Caller;
let meera: Caller;
let sumita: Caller;

beforeAll(async () => {
  viewer = consoleCaller(app, await accessToken('vikram.viewer'));
  meera = consoleCaller(app, await accessToken('meera.operator'));
  sumita = consoleCaller(app, await accessToken('sumita.operator'));
});

async function items(caller: Caller, query: string): Promise<{ items: Item[]; nextCursor?: string }> {
  const response = await caller.get(`/api/conversations?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { items: Item[]; nextCursor?: string };
}

describe('the inbox', () => {
  it('lists both numbers by state, waiting for a person first, and finds by name or number', async () => {
    const waiting = await customerWrites('I want to talk to a person', { name: `अनन्या ${tag}` });
    expect(waiting.outcome).toBe('handed-over');
    const answered = await customerWrites('What are your office hours?', {
      name: `সুমন ${tag}`,
      number: 'second',
    });
    expect(answered.outcome).toBe('answered');

    const found = await items(viewer, `q=${tag}`);
    expect(found.items.map((item) => item.id)).toEqual([waiting.id, answered.id]);
    expect(found.items.map((item) => item.state)).toEqual(['waiting_for_human', 'bot']);
    expect(found.items[0]?.customerName).toBe(`अनन्या ${tag}`);

    const all = await items(viewer, 'limit=100');
    const order = ['waiting_for_human', 'human', 'bot'];
    const ranks = all.items.map((item) => order.indexOf(item.state));
    expect(ranks).toEqual([...ranks].sort((left, right) => left - right));

    // A number in any format: a whole one on the by-customer index, part of one among those listed.
    const spaced = `+${waiting.waId.slice(0, 2)} ${waiting.waId.slice(2, 7)} ${waiting.waId.slice(7)}`;
    expect((await items(viewer, `q=${encodeURIComponent(spaced)}`)).items.map((item) => item.id)).toEqual([
      waiting.id,
    ]);
    expect(
      (await items(viewer, `q=${answered.waId.slice(-8)}&state=bot`)).items.map((item) => item.id),
    ).toContain(answered.id);
  });

  it('pages with a cursor and refuses a cursor it did not give out', async () => {
    const first = await items(viewer, 'limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
    const second = await items(viewer, `limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    const bad = await viewer.get('/api/conversations?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    const invalid = await viewer.get('/api/conversations?state=closed&limit=0');
    expect(invalid.status).toBe(400);
    const fields = ((await invalid.json()) as { fields: Array<{ field: string }> }).fields.map(
      (field) => field.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['state', 'limit']));
  });

  it('streams a conversation that moves as a server-sent event', async () => {
    const sinceMs = Date.now();
    const response = await viewer.get(`/api/events?since=${sinceMs}`, 'text/event-stream');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const moved = await customerWrites('I want to talk to a person', { name: `Ravi ${tag}` });
    let received = '';
    const deadline = Date.now() + 4000;
    while (!received.includes(moved.id) && Date.now() < deadline) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += new TextDecoder().decode(chunk.value);
    }
    await reader.cancel();
    expect(received).toContain('event: conversation');
    expect(received).toContain(JSON.stringify(moved.id));
  });

  it('renders the inbox page with Hindi and Bengali names marked with their language', async () => {
    const response = await viewer.get(`/console/inbox?q=${tag}`, 'text/html');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(`lang="hi">अनन्या ${tag}`);
    expect(page).toContain(`lang="bn">সুমন ${tag}`);
    expect(page).toContain('<script type="module" src="/assets/console.js">');
  });
});

describe('a conversation', () => {
  it('is taken over once: a stale version gets 409 and nothing happens twice', async () => {
    const { id } = await customerWrites('I want to talk to a person', { name: `Kiran ${tag}` });
    const view = (await (await viewer.get(conversationPath(id))).json()) as {
      conversation: Item;
      handoff: { reason: string; intent: string } | null;
    };
    expect(view.handoff).toMatchObject({ reason: 'customer-asked', intent: 'I want to talk to a person' });
    const seen = view.conversation.version;

    const taken = await meera.post(`${conversationPath(id)}/takeover`, { version: seen });
    expect(taken.status).toBe(200);
    expect(await taken.json()).toMatchObject({ state: 'human', owner: 'meera.operator', version: seen + 1 });
    // The packet stays in view for the person now handling it.
    const handled = (await (await viewer.get(conversationPath(id))).json()) as {
      handoff: { reason: string } | null;
    };
    expect(handled.handoff).toMatchObject({ reason: 'customer-asked' });
    const stale = await sumita.post(`${conversationPath(id)}/takeover`, { version: seen });
    expect(stale.status).toBe(409);
    expect((await desk.conversations.get(id))?.ownerAgentId).toBe('meera.operator');
    expect((await desk.conversations.get(id))?.version).toBe(seen + 1);
    const takeovers = (await desk.audit.forConversation(id)).filter((entry) => entry.action === 'takeover');
    expect(takeovers).toHaveLength(1);
    expect(takeovers[0]?.actorId).toBe('meera.operator');

    const noVersion = await meera.post(`${conversationPath(id)}/takeover`, {});
    expect(noVersion.status).toBe(400);
  });

  it("sends the owner's reply to the customer, refuses a Viewer (audited) and another Operator", async () => {
    const { id, waId } = await customerWrites('I want to talk to a person');
    const { conversation } = (await (await viewer.get(conversationPath(id))).json()) as {
      conversation: Item;
    };
    await meera.post(`${conversationPath(id)}/takeover`, { version: conversation.version });

    const reply = await meera.post(`${conversationPath(id)}/reply`, {
      text: 'Hello, this is Meera. How can I help?',
    });
    expect(reply.status).toBe(200);
    const { wamid } = (await reply.json()) as { wamid: string };
    const sent = await sentTo(waId);
    expect(sent.map((message) => message.messageId)).toContain(wamid);
    expect(JSON.stringify(sent.at(-1)?.message)).toContain('this is Meera');

    const refused = await viewer.post(`${conversationPath(id)}/reply`, { text: 'I should not' });
    expect(refused.status).toBe(403);
    const audit = await testClients().documents.send(
      new QueryCommand({
        TableName: testConfig().tables.audit,
        IndexName: 'by-actor',
        KeyConditionExpression: 'actorId = :actor',
        ExpressionAttributeValues: { ':actor': 'vikram.viewer' },
        ScanIndexForward: false,
        Limit: 5,
      }),
    );
    expect(audit.Items?.[0]).toMatchObject({
      action: 'console-refused',
      details: { path: `/api/conversations/${encodeURIComponent(id)}/reply`, needed: 'Operator' },
    });
    expect((await sumita.post(`${conversationPath(id)}/reply`, { text: 'Mine?' })).status).toBe(409);
    expect(
      (
        await meera.post(`${conversationPath(id)}/reply`, {
          text: 'x',
          template: { name: 'hello_world', language: 'en_US' },
        })
      ).status,
    ).toBe(400);

    const page = await (
      await meera.get(`/console/conversations/${encodeURIComponent(id)}`, 'text/html')
    ).text();
    expect(page).toContain('id="reply"');
    const viewerPage = await (
      await viewer.get(`/console/conversations/${encodeURIComponent(id)}`, 'text/html')
    ).text();
    expect(viewerPage).not.toContain('id="reply"');
    expect(viewerPage).not.toContain('id="takeover"');
  });

  it("sends the owner's file as what its content is, and refuses what WhatsApp would not carry", async () => {
    const { id, waId } = await customerWrites('I want to talk to a person');
    const { conversation } = (await (await viewer.get(conversationPath(id))).json()) as {
      conversation: Item;
    };
    await meera.post(`${conversationPath(id)}/takeover`, { version: conversation.version });
    const form = (bytes: Uint8Array, name: string, caption?: string) => {
      const data = new FormData();
      data.set('file', new File([bytes], name));
      if (caption) data.set('caption', caption);
      return data;
    };
    const path = `${conversationPath(id)}/reply-file`;

    // A PDF named like a photo goes as a document, with the caption and a name with its real extension.
    const pdf = await meera.postForm(path, form(sampleFiles.pdf, 'चालान मार्च.png', 'Your invoice'));
    expect(pdf.status).toBe(200);
    const { wamid } = (await pdf.json()) as { wamid: string };
    const sent = (await sentTo(waId)).find((message) => message.messageId === wamid);
    expect(sent?.message).toMatchObject({
      type: 'document',
      document: { id: expect.any(String), caption: 'Your invoice', filename: 'चालान मार्च.pdf' },
    });
    const image = await meera.postForm(path, form(sampleFiles.png, 'screenshot.png'));
    expect(image.status).toBe(200);
    expect((await sentTo(waId)).at(-1)?.message).toMatchObject({ type: 'image' });

    const before = (await sentTo(waId)).length;
    expect((await meera.postForm(path, form(sampleFiles.exe, 'invoice.pdf'))).status).toBe(415);
    const huge = Buffer.concat([sampleFiles.pdf, Buffer.alloc(4 * 1024 * 1024)]);
    expect((await meera.postForm(path, form(huge, 'big.pdf'))).status).toBe(413);
    expect((await meera.postForm(path, new FormData())).status).toBe(400);
    expect((await sumita.postForm(path, form(sampleFiles.png, 'not-mine.png'))).status).toBe(409);
    expect((await viewer.postForm(path, form(sampleFiles.png, 'viewer.png'))).status).toBe(403);
    expect((await sentTo(waId)).length).toBe(before);
    // Nothing stays in flight: the release goes through at once.
    expect((await desk.conversations.get(id))?.effect ?? null).toBeNull();
    expect((await meera.post(`${conversationPath(id)}/release`, { summary: 'Sent the files.' })).status).toBe(
      200,
    );
  });

  it('refuses a text once the window has closed and offers the templates, filled in', async () => {
    const { id, waId } = await customerWrites('I want to talk to a person', {
      name: `Farhan ${tag}`,
      at: new Date(Date.now() - 25 * hourMs),
    });
    const { conversation } = (await (await viewer.get(conversationPath(id))).json()) as {
      conversation: Item;
    };
    await meera.post(`${conversationPath(id)}/takeover`, { version: conversation.version });

    const refused = await meera.post(`${conversationPath(id)}/reply`, { text: 'Are you still there?' });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as {
      error: string;
      templates: Array<{ name: string; parameters: Array<{ label: string; value: string }> }>;
    };
    expect(body.error).toBe('window-closed');
    const followUp = body.templates.find((template) => template.name === 'support_followup');
    expect(followUp?.parameters).toEqual([{ label: 'customer name', value: `Farhan ${tag}` }]);
    expect(body.templates.some((template) => template.name === 'festive_offer')).toBe(false);

    const before = (await sentTo(waId)).length;
    const template = await meera.post(`${conversationPath(id)}/reply`, {
      template: { name: 'support_followup', language: 'en_US', parameters: [`Farhan ${tag}`] },
    });
    expect(template.status).toBe(200);
    const sent = await sentTo(waId);
    expect(sent).toHaveLength(before + 1);
    expect(sent.at(-1)?.message.type).toBe('template');
  });

  it('is released back to the bot in a new epoch, and the bot answers the next message', async () => {
    const { id, waId } = await customerWrites('I want to talk to a person');
    const { conversation } = (await (await viewer.get(conversationPath(id))).json()) as {
      conversation: Item;
    };
    await meera.post(`${conversationPath(id)}/takeover`, { version: conversation.version });
    expect(
      (await sumita.post(`${conversationPath(id)}/release`, { summary: 'Not mine to give back' })).status,
    ).toBe(409);
    const released = await meera.post(`${conversationPath(id)}/release`, {
      summary: 'Refund agreed; nothing else open.',
    });
    expect(released.status).toBe(200);
    expect(await released.json()).toMatchObject({ state: 'bot', owner: null });
    expect((await desk.conversations.get(id))?.epoch).toBe(1);

    const before = (await sentTo(waId)).length;
    // The next message, written after the release (the bot reads the new epoch only), past the debounce.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const next = await customerWrites('What are your office hours?', {
      waId,
      at: new Date(Date.now() - 400),
    });
    expect(next.outcome).toBe('answered');
    expect((await sentTo(waId)).length).toBeGreaterThan(before);
  });
});

describe('approvals and flags', () => {
  const invoiceWaiting = (conversationId: string, waId: string, serviceId: string) =>
    invoiceOf(desk, conversationId, waId, serviceId);

  it('approves (the link goes to the customer) and rejects (the customer is told), audited', async () => {
    const { id, waId } = await customerWrites('What are your office hours?');
    const approved = await invoiceWaiting(id, waId, `svc-a-${tag}`);
    const rejected = await invoiceWaiting(id, waId, `svc-b-${tag}`);
    // Both head the inbox, for every role, until decided.
    const waiting = async () =>
      (
        (await (await viewer.get('/api/approvals')).json()) as { items: Array<{ invoiceId: string }> }
      ).items.map((item) => item.invoiceId);
    expect(await waiting()).toEqual(expect.arrayContaining([approved.id, rejected.id]));
    const inboxPage = await (await viewer.get('/console/inbox', 'text/html')).text();
    expect(inboxPage).toContain(`data-invoice="${approved.id}"`);

    expect((await viewer.post(`/api/invoices/${approved.id}/approve`, {})).status).toBe(403);
    const approval = await meera.post(`/api/invoices/${approved.id}/approve`, {});
    expect(approval.status).toBe(200);
    const decided = (await approval.json()) as {
      invoice: { status: string };
      url: string;
      customerTold: { wamid?: string };
    };
    expect(decided.invoice.status).toBe('issued');
    expect(decided.customerTold.wamid).toBeDefined();
    expect(JSON.stringify((await sentTo(waId)).at(-1)?.message)).toContain(decided.url);
    expect((await meera.post(`/api/invoices/${approved.id}/approve`, {})).status).toBe(409);

    // The customer opens the link, signed in to nothing: the invoice with the catalog's figures.
    const opened = await app.request(new URL(decided.url).pathname);
    expect(opened.status).toBe(200);
    const page = await opened.text();
    for (const figure of ['₹10,000.00', '₹1,800.00', '₹11,800.00', approved.id, 'Waiting for payment'])
      expect(page).toContain(figure);
    for (const notALink of ['/l/AAAAAAAA', '/l/%E0%A4%A', `/l/${'x'.repeat(3000)}`, '/l/a%2Fb'])
      expect((await app.request(notALink)).status, notALink).toBe(404);

    const rejection = await meera.post(`/api/invoices/${rejected.id}/reject`, {
      reason: 'Price needs a manager',
    });
    expect(rejection.status).toBe(200);
    expect(await rejection.json()).toMatchObject({
      invoice: { status: 'rejected' },
      customerTold: { wamid: expect.any(String) },
    });
    expect(await waiting()).not.toEqual(expect.arrayContaining([approved.id]));
    expect(await waiting()).not.toEqual(expect.arrayContaining([rejected.id]));
    const actions = (await desk.audit.forConversation(id)).map((entry) => `${entry.action}:${entry.actorId}`);
    expect(actions).toEqual(
      expect.arrayContaining(['invoice-approved:meera.operator', 'invoice-rejected:meera.operator']),
    );
    expect((await meera.post('/api/invoices/not-an-invoice/approve', {})).status).toBe(400);
  });

  it('flags a reply of the bot with its conversation and citations, for the evals suite', async () => {
    const { id, wamid: question } = await customerWrites('What are your office hours?');
    const view = (await (await viewer.get(conversationPath(id))).json()) as {
      messages: Array<{ wamid: string; direction: string; sentBy?: { kind: string; citations?: unknown[] } }>;
    };
    const reply = view.messages.find((message) => message.sentBy?.kind === 'bot');
    expect(reply).toBeDefined();
    const wamid = reply?.wamid ?? '';

    expect(
      (await viewer.post(`/api/messages/${encodeURIComponent(wamid)}/flag`, { note: 'Wrong hours' })).status,
    ).toBe(403);
    const flagged = await meera.post(`/api/messages/${encodeURIComponent(wamid)}/flag`, {
      note: 'Saturday hours are wrong',
    });
    expect(flagged.status).toBe(200);
    const stored = (await desk.flags.recent(20)).find((flag) => flag.wamid === wamid);
    expect(stored).toMatchObject({
      conversationId: id,
      note: 'Saturday hours are wrong',
      flaggedBy: 'meera.operator',
      citations: reply?.sentBy?.citations ?? [],
      question: 'What are your office hours?',
    });
    expect((await meera.post(`/api/messages/${question}/flag`, { note: 'Not ours' })).status).toBe(404);
    expect((await meera.post(`/api/messages/${encodeURIComponent(wamid)}/flag`, { note: '' })).status).toBe(
      400,
    );
  });
});
