import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { conversationIdOf } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import type { SimMessage } from '#infra/local/simulator/simulator-types.ts';
import { newCustomerWaId } from '../test/inbound-helpers.ts';
import { testClients, testConfig } from '../test/local-clients.ts';
import { injectFault } from '../test/stand-in-control.ts';
import { ConversationOwnership } from './router/conversation-ownership.ts';

/** The whole path, offline: simulator → SNS/Lambda stand-in → inbound → router → agent (offline model, KB) → sender → simulator. */
const config = testConfig();
const clients = testClients();
const conversations = new ConversationStore(clients.documents, config.tables.conversations);
const sim = `${config.local.awsEndpoint}/sim/api`;
const phone = '919330994400';

async function say(waId: string, text: string, name = 'Priya') {
  const response = await fetch(`${sim}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ businessPhone: phone, from: waId, name, text }),
  });
  expect(response.status).toBe(202);
}

async function chat(waId: string): Promise<SimMessage[]> {
  return ((await (await fetch(`${sim}/conversations/${phone}/${waId}`)).json()) as { messages: SimMessage[] })
    .messages;
}

async function botReplies(waId: string, count: number, timeoutMs = 8000): Promise<SimMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const replies = (await chat(waId)).filter((message) => message.direction === 'out');
    if (replies.length >= count || Date.now() > deadline) return replies;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the bot, end to end on one machine', () => {
  it('answers a question from the Knowledge Base, citing the document by title', async () => {
    const waId = newCustomerWaId();
    await say(waId, 'What are your office hours?');
    const [reply] = await botReplies(waId, 1);
    expect(reply?.text).toContain('Monday to Saturday, 10:00 to 19:00');
    expect(reply?.text).toContain('_Source: About WECARE.DIGITAL and our hours_');
    expect(reply?.text).not.toMatch(/s3:|\.md\b|knowledge-base\//);
    // The console sees what the answer rests on: the document and the passage, on the message record.
    const record = await clients.documents.send(
      new GetCommand({ TableName: config.tables.whatsAppOutbound, Key: { id: reply?.wamid } }),
    );
    expect(record.Item?.sentBy).toMatchObject({
      kind: 'bot',
      citations: [
        {
          title: 'About WECARE.DIGITAL and our hours',
          uri: expect.stringMatching(/^s3:\/\/stream\.wecare\.digital\//),
          chunkId: expect.any(String),
        },
      ],
    });
    await expect
      .poll(
        async () => (await conversations.get(conversationIdOf('831049713436137', waId)))?.memory?.[0]?.lines,
        { timeout: 3000 },
      )
      .toEqual(['Asked "What are your office hours?" — answered from About WECARE.DIGITAL and our hours.']);
  });

  it('answers in Hindi from the Hindi documents', async () => {
    const waId = newCustomerWaId();
    await say(waId, 'वेबसाइट स्टार्टर की कीमत क्या है?', 'राहुल');
    const [reply] = await botReplies(waId, 1);
    expect(reply?.text).toContain('₹14,999');
    expect(reply?.text).toMatch(/[\u0900-\u097F]/);
  });

  it('says so and offers a person when the documents do not answer', async () => {
    const waId = newCustomerWaId();
    await say(waId, 'Do you repair washing machines?');
    const [reply] = await botReplies(waId, 1);
    expect(reply?.text).toContain("I don't have that information");
  });

  it('hands over, as out of the Knowledge Base, when the customer accepts the offer of a person', async () => {
    const waId = newCustomerWaId();
    await say(waId, 'Do you repair washing machines?');
    await botReplies(waId, 1);
    await say(waId, 'Yes please');
    const [, notice] = await botReplies(waId, 2);
    expect(notice?.text).toContain('member of our team');
    expect(await conversations.get(conversationIdOf('831049713436137', waId))).toMatchObject({
      state: 'waiting_for_human',
      handoff: { reason: 'out-of-kb', summary: expect.stringContaining('Do you repair washing machines?') },
    });
  });

  it('answers a burst of messages once', async () => {
    const waId = newCustomerWaId();
    await say(waId, 'Hi');
    await say(waId, 'I have a question');
    await say(waId, 'what are your office hours?');
    await botReplies(waId, 1);
    await settle(1000);
    const replies = (await chat(waId)).filter((message) => message.direction === 'out');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('Monday to Saturday');
  });

  it('hands over on request, tells the customer, and then stays silent', async () => {
    const waId = newCustomerWaId();
    await say(waId, 'I want to talk to a person');
    const [notice] = await botReplies(waId, 1);
    expect(notice?.text).toContain('member of our team');
    const conversation = await conversations.get(conversationIdOf('831049713436137', waId));
    expect(conversation).toMatchObject({
      state: 'waiting_for_human',
      handoff: { reason: 'customer-asked', intent: 'I want to talk to a person', customerWaId: waId },
    });
    await say(waId, 'Hello? Anyone there?');
    await settle(1200);
    expect((await chat(waId)).filter((message) => message.direction === 'out')).toHaveLength(1);
  });

  it('when the model is down, tells the customer in their language and hands over to a person', async () => {
    const waId = newCustomerWaId();
    const question = `मुझे वेबसाइट के बारे में जानना है ${waId}`;
    await injectFault({
      api: 'bedrock-runtime',
      operation: 'Converse',
      errorType: 'ServiceUnavailableException',
      status: 503,
      count: 20,
      subject: question,
    });
    await say(waId, question, 'अनीता');
    const [notice] = await botReplies(waId, 1);
    expect(notice?.text).toContain('सहकर्मी');
    expect(await conversations.get(conversationIdOf('831049713436137', waId))).toMatchObject({
      state: 'waiting_for_human',
      handoff: { reason: 'tool-error', intent: question },
    });
  });

  it('never talks over a human who took the conversation', async () => {
    const waId = newCustomerWaId();
    await say(waId, 'Hi there');
    await botReplies(waId, 1);
    await new ConversationOwnership(
      conversations,
      new (await import('#core/stores/audit-store.ts')).AuditStore(
        clients.documents,
        config.tables.audit,
        180,
      ),
    ).takeover(conversationIdOf('831049713436137', waId), 'agent-meera');
    await say(waId, 'What are your office hours?');
    await settle(1200);
    expect((await chat(waId)).filter((message) => message.direction === 'out')).toHaveLength(1);
  });

  it('creates a working invoice link for a priced service', async () => {
    const waId = newCustomerWaId();
    await say(waId, 'I want to buy the Website Starter, please send me a payment link');
    const [reply] = await botReplies(waId, 1);
    const link = /Website Starter \(₹14,999\.00\): (\S+\/l\/[0-9A-Za-z]{8})/.exec(reply?.text ?? '')?.[1];
    expect(link).toBeDefined();
    // The link opens (locally, the stand-in payment page) and shows the invoice.
    const page = await fetch(String(link));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('₹14,999.00');
  });

  it('acknowledges a document the customer sends, without guessing what it is about', async () => {
    const waId = newCustomerWaId();
    const response = await fetch(`${sim}/customer-actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        businessPhone: phone,
        from: waId,
        name: 'Kabir',
        action: {
          type: 'document',
          fileName: 'gst-return.pdf',
          mimeType: 'application/pdf',
          dataBase64: Buffer.from('%PDF-1.4 gst').toString('base64'),
        },
      }),
    });
    expect(response.status).toBe(202);
    const [reply] = await botReplies(waId, 1);
    expect(reply?.text).toBe('Thank you, we have received your document. How can we help you with it?');
  });
});
