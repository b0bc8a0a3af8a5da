import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { conversationIdOf } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { newCustomerWaId } from '../test/inbound-helpers.ts';
import { testClients, testConfig } from '../test/local-clients.ts';
import { act, botReplies, chat, say } from '../test/simulator-chat.ts';
import { injectFault } from '../test/stand-in-control.ts';
import { ConversationOwnership } from './router/conversation-ownership.ts';

/** The whole path, offline: simulator → SNS/Lambda stand-in → inbound → router → agent (offline model, KB) → sender → simulator. */
const config = testConfig();
const clients = testClients();
const conversations = new ConversationStore(clients.documents, config.tables.conversations);

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
      .toEqual([
        'The customer wrote "What are your office hours?"; the assistant answered from About WECARE.DIGITAL and our hours.',
      ]);
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
    // Nothing cited, nothing priced, no handoff yet: the customer is offered a person (the next test).
    expect(reply?.text).toBeTruthy();
    expect(reply?.text).not.toMatch(/_Source:|₹/);
    expect((await conversations.get(conversationIdOf('831049713436137', waId)))?.state).toBe('bot');
  });

  it('hands over, as out of the Knowledge Base, when the customer accepts the offer of a person', async () => {
    const waId = newCustomerWaId();
    await say(waId, 'Do you repair washing machines?');
    await botReplies(waId, 1);
    await say(waId, 'Yes please');
    const [, notice] = await botReplies(waId, 2);
    expect(notice?.text).toBeTruthy();
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

  it('acknowledges a document the customer sends, without guessing what it is about', async () => {
    const waId = newCustomerWaId();
    await act(
      waId,
      {
        type: 'document',
        fileName: 'gst-return.pdf',
        mimeType: 'application/pdf',
        dataBase64: Buffer.from('%PDF-1.4 gst').toString('base64'),
      },
      'Kabir',
    );
    const [reply] = await botReplies(waId, 1);
    expect(reply?.text).toBe('Thank you, we have received your document. How can we help you with it?');
  });
});
