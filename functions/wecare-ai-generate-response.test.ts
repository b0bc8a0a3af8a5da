import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { deadLetterQueueFor } from '#channels/dead-letters/replay-dead-letters.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import { type Conversation, conversationIdOf, pendingEntriesOf } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { newCustomerWaId, newWamid, unixSeconds } from '../test/inbound-helpers.ts';
import { testClients, testConfig } from '../test/local-clients.ts';
import { outboundRecordsOf } from '../test/outbound-records.ts';
import {
  clearFaults,
  injectFault,
  modelCallsAbout,
  resetModel,
  scriptModelReply,
  slowModel,
} from '../test/stand-in-control.ts';
import { sentTo } from '../test/stand-in-outbox.ts';
import { handler as reconcile } from './wecare-agent-reconcile.ts';
import { handler as generateResponse } from './wecare-ai-generate-response.ts';
import { handler as replay } from './wecare-dlq-replay.ts';
import { handler as inbound } from './wecare-inbound-whatsapp.ts';

/**
 * The bot function end to end, through the handlers as AWS runs them: the inbound function (SNS),
 * the agent queue and the bot function (its SQS event source in the local world), the sweep and
 * the replay. Assertions are on outcomes: what the customer received, which messages each reply
 * answers (its record's `answers`), what the conversation still waits for.
 */
const config = testConfig();
const clients = testClients();
const conversations = new ConversationStore(clients.documents, config.tables.conversations);
const [wecare, manish] = businessNumbers(config) as [BusinessNumber, BusinessNumber];
const context = (name: string) => lambdaContext(name, 60_000);
afterEach(async () => {
  await clearFaults();
});

/** The customer writes (an SNS event to the inbound function); `secondsAgo` makes Meta's timestamp older. */
async function say(
  number: BusinessNumber,
  waId: string,
  body: string,
  options: { wamid?: string; secondsAgo?: number } = {},
) {
  const wamid = options.wamid ?? newWamid();
  const at = new Date(Date.now() - (options.secondsAgo ?? 0) * 1000);
  await inbound(
    inboundLambdaEvent(config, number, {
      messages: [{ from: waId, id: wamid, timestamp: unixSeconds(at), type: 'text', text: { body } }],
    }),
    context('wecare-inbound-whatsapp'),
  );
  return wamid;
}

async function react(number: BusinessNumber, waId: string, to: string) {
  await inbound(
    inboundLambdaEvent(config, number, {
      messages: [
        {
          from: waId,
          id: newWamid(),
          timestamp: unixSeconds(new Date()),
          type: 'reaction',
          reaction: { message_id: to, emoji: '👍' },
        },
      ],
    }),
    context('wecare-inbound-whatsapp'),
  );
}

/** The business's messages to this customer, oldest first, with the customer messages each one answers. */
const replies = (number: BusinessNumber, waId: string) =>
  outboundRecordsOf(config, clients, conversationIdOf(number.metaPhoneNumberId, waId));

const conversationOf = async (number: BusinessNumber, waId: string): Promise<Conversation | undefined> =>
  conversations.get(conversationIdOf(number.metaPhoneNumberId, waId));

const settled = (number: BusinessNumber, waId: string) =>
  expect
    .poll(
      async () => {
        const conversation = await conversationOf(number, waId);
        return conversation ? pendingEntriesOf(conversation).length + (conversation.lease ? 1 : 0) : -1;
      },
      { timeout: 15_000, interval: 200 },
    )
    .toBe(0);

describe('wecare-ai-generate-response: every customer message ends answered or deliberately silent', () => {
  it('answers a follow-up sent while the bot is still answering, in the next reply', async () => {
    const waId = newCustomerWaId();
    const token = `followup-${randomUUID().slice(0, 8)}`;
    await slowModel(2500, token);
    try {
      const first = await say(wecare, waId, `What are your office hours? ${token}`);
      // The job comes due after the debounce; the model then takes 2.5 s: the follow-up lands mid-answer.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const second = await say(wecare, waId, `And where is your office? ${token}`);
      await expect
        .poll(async () => (await replies(wecare, waId)).length, { timeout: 20_000, interval: 200 })
        .toBe(2);
      const [answerOne, answerTwo] = await replies(wecare, waId);
      expect(answerOne?.answers).toEqual([first]);
      expect(answerTwo?.answers).toEqual([second]);
      await settled(wecare, waId);
    } finally {
      await resetModel(token);
    }
  });

  it('does not let a reaction right after a question silence the question', async () => {
    const waId = newCustomerWaId();
    const question = await say(wecare, waId, 'What are your office hours?');
    await react(wecare, waId, question);
    await expect.poll(async () => (await replies(wecare, waId)).length, { timeout: 10_000 }).toBe(1);
    expect((await replies(wecare, waId))[0]?.answers).toEqual([question]);
    await settled(wecare, waId);
  });

  it('answers an older message delivered after a newer one was answered', async () => {
    const waId = newCustomerWaId();
    const newer = await say(wecare, waId, 'What are your office hours?');
    await expect.poll(async () => (await replies(wecare, waId)).length, { timeout: 10_000 }).toBe(1);
    const older = await say(wecare, waId, 'Do you build websites?', { secondsAgo: 120 });
    await expect.poll(async () => (await replies(wecare, waId)).length, { timeout: 10_000 }).toBe(2);
    expect((await replies(wecare, waId)).map((reply) => reply.answers)).toEqual([[newer], [older]]);
    // The window stays where the newer message put it.
    expect((await conversationOf(wecare, waId))?.lastInboundWamid).toBe(newer);
    await settled(wecare, waId);
  });

  it('runs the model once for a message delivered three times', async () => {
    const waId = newCustomerWaId();
    const token = `dup-${randomUUID().slice(0, 8)}`;
    const wamid = newWamid();
    const event = inboundLambdaEvent(config, wecare, {
      messages: [
        {
          from: waId,
          id: wamid,
          timestamp: unixSeconds(new Date()),
          type: 'text',
          text: { body: `What are your office hours? ${token}` },
        },
      ],
    });
    await Promise.all([1, 2, 3].map(() => inbound(event, context('wecare-inbound-whatsapp'))));
    await expect.poll(async () => (await sentTo(waId)).length, { timeout: 10_000 }).toBe(1);
    await settled(wecare, waId);
    await inbound(event, context('wecare-inbound-whatsapp'));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await sentTo(waId)).toHaveLength(1);
    expect(await modelCallsAbout(token)).toBe(1);
  });

  it('keeps a reply that could not be sent visibly waiting, until the outbound replay delivers and settles it', async () => {
    const waId = newCustomerWaId();
    await injectFault({
      api: 'social-messaging',
      operation: 'SendWhatsAppMessage',
      errorType: 'InternalServiceException',
      status: 500,
      count: 50,
      subject: waId,
    });
    const question = await say(wecare, waId, 'What are your office hours?');
    await expect
      .poll(async () => (await conversationOf(wecare, waId))?.replyAwaitingReplay, {
        timeout: 20_000,
        interval: 250,
      })
      .toBe(`reply:${question}`);
    const waiting = await conversationOf(wecare, waId);
    expect(pendingEntriesOf(waiting ?? {}).map((entry) => entry.wamid)).toEqual([question]);
    expect(waiting?.awaitingPhone).toBe(wecare.metaPhoneNumberId);
    expect(await sentTo(waId)).toEqual([]);

    await clearFaults();
    const answer = await replay({ queue: 'outbound', max: 100 }, context('wecare-dlq-replay'));
    expect(answer.ok).toBe(true);
    console.log('REPLAY', JSON.stringify(answer));
    await expect.poll(async () => (await sentTo(waId)).length, { timeout: 5000 }).toBe(1);
    const after = await conversationOf(wecare, waId);
    expect(after?.pendingReplies).toBeUndefined();
    expect(after?.replyAwaitingReplay).toBeUndefined();
    expect((await replies(wecare, waId))[0]?.answers).toEqual([question]);
  });

  it('answers, through the sweep, a message stored and pending whose job was lost (a crash before the enqueue)', async () => {
    const waId = newCustomerWaId();
    // What a crash between storing and enqueueing leaves: the message stored, its conversation
    // waiting for it, and no job. (The inbound function itself cannot be stopped halfway here.)
    const wamid = newWamid();
    const now = new Date();
    await clients.documents.send(
      new PutCommand({
        TableName: config.tables.whatsAppInbound,
        Item: {
          id: wamid,
          conversationId: conversationIdOf(manish.metaPhoneNumberId, waId),
          atMs: now.getTime(),
          timestamp: now.toISOString(),
          timestampUnix: unixSeconds(now),
          from: waId,
          profileName: 'Ravi',
          type: 'text',
          payload: { body: 'What are your office hours?' },
          phoneNumberId: manish.metaPhoneNumberId,
          wabaId: manish.metaWabaId,
          snsMessageId: randomUUID(),
          envelopeMessageId: null,
          receivedAt: now.toISOString(),
          replyState: 'awaiting-reply',
        },
      }),
    );
    await conversations.recordInbound({
      businessPhoneNumberId: manish.metaPhoneNumberId,
      customerWaId: waId,
      profileName: 'Ravi',
      wamid,
      at: now.toISOString(),
      atMs: now.getTime(),
      awaitsReply: { receivedMs: now.getTime() },
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await sentTo(waId)).toEqual([]);
    const report = await reconcile({ olderThanMs: 1000 }, context('wecare-agent-reconcile'));
    expect(report.redispatched).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await sentTo(waId)).length, { timeout: 10_000 }).toBe(1);
    await settled(manish, waId);
  });

  it('dead-letters a record that is not a job, and reports a job that failed for retry alone', async () => {
    const token = randomUUID();
    const event: SQSEvent = {
      Records: [
        {
          messageId: 'not-a-job',
          receiptHandle: 'r1',
          body: `{"hello":"${token}"}`,
          attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: '1',
            SenderId: 'x',
            ApproximateFirstReceiveTimestamp: '1',
          },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${config.queues.agent}`,
          awsRegion: 'us-east-1',
        },
      ],
    };
    expect(await generateResponse(event, context('wecare-ai-generate-response'))).toEqual({
      batchItemFailures: [],
    });
    const letters = await deadLetterQueueFor(config, clients, 'agent').receive(50, 5);
    const mine = letters.filter((item) => item.letter.payloadText?.includes(token));
    expect(mine.map((item) => item.letter.kind)).toEqual(['agent-job']);
    for (const item of mine) await deadLetterQueueFor(config, clients, 'agent').delete(item.receiptHandle);
  });
});

/** Each documented Converse reply shape, through the whole path: what the customer gets, and who owns the conversation after. */
const shapes: Array<
  [fixture: string, outcome: 'answered' | 'handed-over' | 'model-handed-over', count?: number]
> = [
  ['text-end-turn', 'answered'],
  ['thinking-then-answer', 'answered'],
  ['thinking-block-then-answer-block', 'answered'],
  ['reasoning-then-answer', 'answered'],
  ['stop-sequence', 'answered'],
  ['max-tokens-mid-sentence', 'handed-over'],
  ['max-tokens-inside-thinking', 'handed-over'],
  ['guardrail-intervened', 'handed-over'],
  ['content-filtered', 'handed-over'],
  ['empty-text', 'handed-over'],
  ['thinking-only', 'handed-over'],
  // The model hands over (thinking first), then keeps asking for tools up to the cap: its handoff stands, the customer is told.
  ['thinking-then-tool-use', 'model-handed-over', 10],
];

describe("wecare-ai-generate-response: Nova's Converse reply shapes", () => {
  it.each(shapes)(
    '%s: the customer gets clean text or a person, never thinking, an object or silence',
    async (fixture, outcome, count = 1) => {
      const waId = newCustomerWaId();
      const token = `shape-${randomUUID().slice(0, 8)}`;
      const body = JSON.parse(
        await readFile(new URL(`../agent/answer/fixtures/converse/${fixture}.json`, import.meta.url), 'utf8'),
      ) as Record<string, unknown>;
      await scriptModelReply({ response: body, subject: token, count });
      try {
        await say(wecare, waId, `Please help me ${token}`);
        await expect.poll(async () => (await sentTo(waId)).length, { timeout: 10_000 }).toBeGreaterThan(0);
        await settled(wecare, waId);
        const texts = (await sentTo(waId)).map((sent) =>
          String((sent.message.text as { body?: string } | undefined)?.body ?? ''),
        );
        expect(texts).toHaveLength(1);
        for (const text of texts) {
          expect(text.trim()).not.toBe('');
          expect(text).not.toMatch(/thinking>|\[object Object\]|REDACTED/);
        }
        const conversation = await conversationOf(wecare, waId);
        if (outcome === 'answered') expect(conversation?.state).toBe('bot');
        else
          expect(conversation).toMatchObject({
            state: 'waiting_for_human',
            // The platform's fallback hands over for an unsendable reply; a model's own handoff keeps its reason.
            handoff: { reason: outcome === 'handed-over' ? 'tool-error' : 'customer-asked' },
          });
      } finally {
        await resetModel(token);
      }
    },
  );
});

describe('wecare-ai-generate-response: what an answer cost', () => {
  it("puts the tokens Bedrock counted for an answer on the audit's bot-answer entry", async () => {
    const waId = newCustomerWaId();
    const token = `usage-${randomUUID().slice(0, 8)}`;
    const body = JSON.parse(
      await readFile(
        new URL('../agent/answer/fixtures/converse/text-end-turn.json', import.meta.url),
        'utf8',
      ),
    ) as { usage: { inputTokens: number; outputTokens: number } };
    await scriptModelReply({ response: body, subject: token });
    try {
      await say(wecare, waId, `What are your hours ${token}`);
      await settled(wecare, waId);
      const audit = new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays);
      const answers = (
        await audit.forConversation(conversationIdOf(wecare.metaPhoneNumberId, waId), 20)
      ).filter((entry) => entry.action === 'bot-answer');
      expect(answers.map((entry) => entry.details?.usage)).toEqual([
        { modelCalls: 1, inputTokens: body.usage.inputTokens, outputTokens: body.usage.outputTokens },
      ]);
    } finally {
      await resetModel(token);
    }
  });
});
