import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PostWhatsAppMessageMediaCommand } from '@aws-sdk/client-socialmessaging';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { Conversation, conversationIdOf, pendingEntriesOf } from '#core/stores/conversation.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { newCustomerWaId, newWamid, recordingListener, unixSeconds } from '../../../test/inbound-helpers.ts';
import { testClients, testConfig } from '../../../test/local-clients.ts';
import { clearFaults, injectFault } from '../../../test/stand-in-control.ts';
import { handleInboundEvent } from './handle-inbound-event.ts';
import { inboundDependencies } from './inbound-dependencies.ts';

const config = testConfig();
const clients = testClients();
const [wecare, manish] = businessNumbers(config) as [BusinessNumber, BusinessNumber];
const tables = config.tables;
afterEach(() => clearFaults());

function setup() {
  const base = inboundDependencies(config, clients);
  // Records the hand-overs instead of queueing jobs: these tests are about storing, not answering.
  const recorder = recordingListener();
  return { dependencies: { ...base, listener: recorder.listener }, calls: recorder.calls, stores: base };
}

const text = (waId: string, body: string, at: Date, wamid = newWamid()) => ({
  from: waId,
  id: wamid,
  timestamp: unixSeconds(at),
  type: 'text',
  text: { body },
});
const get = async (table: string, id: string) =>
  (await clients.documents.send(new GetCommand({ TableName: table, Key: { id }, ConsistentRead: true })))
    .Item;

async function deadLettersMentioning(marker: string) {
  const queue = setup().stores
    .deadLetters as unknown as import('#core/dead-letters/dead-letter-queue.ts').DeadLetterQueue;
  const received = await queue.receive(50, 5);
  const mine = received.filter((item) => JSON.stringify(item.letter).includes(marker));
  for (const item of received) {
    if (mine.includes(item)) await queue.delete(item.receiptHandle);
    else await queue.release(item.receiptHandle);
  }
  return mine.map((item) => item.letter);
}

describe('handleInboundEvent: customer messages', () => {
  it('stores the message, opens the conversation for the bot with the message pending, upserts the contact, hands over', async () => {
    const { dependencies, calls } = setup();
    const waId = newCustomerWaId();
    const at = new Date(Date.now() - 60_000);
    const message = text(waId, 'मुझे अपॉइंटमेंट चाहिए', at);
    const report = await handleInboundEvent(
      inboundLambdaEvent(config, wecare, {
        contacts: [{ profile: { name: 'राहुल वर्मा' }, wa_id: waId }],
        messages: [message],
      }),
      dependencies,
    );
    expect(report).toMatchObject({ records: 1, deadLettered: [], retry: [] });

    const stored = await get(tables.whatsAppInbound, message.id);
    expect(stored).toMatchObject({
      id: message.id,
      conversationId: `${wecare.metaPhoneNumberId}#${waId}`,
      type: 'text',
      payload: { body: 'मुझे अपॉइंटमेंट चाहिए' },
      profileName: 'राहुल वर्मा',
      replyState: 'awaiting-reply',
    });

    const conversation = await get(tables.conversations, conversationIdOf(wecare.metaPhoneNumberId, waId));
    expect(conversation).toMatchObject({
      state: 'bot',
      version: 0,
      customerWaId: waId,
      lastInboundWamid: message.id,
      lastInboundAtMs: Number(message.timestamp) * 1000,
      awaitingPhone: wecare.metaPhoneNumberId,
      pendingSinceMs: Date.parse(String(stored?.receivedAt)),
    });
    expect(pendingEntriesOf(Conversation.parse(conversation)).map((entry) => entry.wamid)).toEqual([
      message.id,
    ]);

    const contacts = await clients.documents.send(
      new QueryCommand({
        TableName: tables.contacts,
        IndexName: 'by-phone',
        KeyConditionExpression: 'phone = :phone',
        ExpressionAttributeValues: { ':phone': waId },
      }),
    );
    expect(contacts.Items).toEqual([
      expect.objectContaining({
        id: `wa-${waId}`,
        name: 'राहुल वर्मा',
        whatsAppProfileName: 'राहुल वर्मा',
        source: 'whatsapp',
      }),
    ]);
    expect(calls.map((call) => call.message.id)).toEqual([message.id]);
  });

  it('stores a redelivered event once and keeps it pending once, even under a new SNS message id', async () => {
    const { dependencies, calls } = setup();
    const waId = newCustomerWaId();
    const message = text(waId, 'Hello?', new Date());
    const event = inboundLambdaEvent(config, wecare, { messages: [message] });
    const reports = [
      await handleInboundEvent(event, dependencies),
      await handleInboundEvent(event, dependencies),
    ];
    const republished = await handleInboundEvent(
      inboundLambdaEvent(config, wecare, { messages: [message] }),
      dependencies,
    );
    expect(reports[0]?.processed[0]).toMatchObject({ stored: 1, duplicates: 0 });
    expect(reports[1]?.processed[0]).toMatchObject({ stored: 0, duplicates: 1 });
    expect(republished.processed[0]).toMatchObject({ stored: 0, duplicates: 1 });
    // While it waits, each delivery hands it over again (a lost job is replaced; the bot's claim
    // makes the extra jobs harmless), and the conversation holds it once.
    expect(calls.map((call) => call.message.id)).toEqual([message.id, message.id, message.id]);
    const conversation = await get(tables.conversations, conversationIdOf(wecare.metaPhoneNumberId, waId));
    expect(pendingEntriesOf(Conversation.parse(conversation))).toHaveLength(1);
    const inConversation = await clients.documents.send(
      new QueryCommand({
        TableName: tables.whatsAppInbound,
        IndexName: 'by-conversation',
        KeyConditionExpression: 'conversationId = :conversation',
        ExpressionAttributeValues: { ':conversation': conversationIdOf(wecare.metaPhoneNumberId, waId) },
      }),
    );
    expect(inConversation.Items).toHaveLength(1);
  });

  it('never moves the 24-hour window back when an older message arrives late', async () => {
    const { dependencies } = setup();
    const waId = newCustomerWaId();
    const newer = text(waId, 'second', new Date(Date.now() - 1000));
    const older = text(waId, 'first', new Date(Date.now() - 3_600_000));
    await handleInboundEvent(inboundLambdaEvent(config, manish, { messages: [newer] }), dependencies);
    await handleInboundEvent(inboundLambdaEvent(config, manish, { messages: [older] }), dependencies);
    const conversation = await get(tables.conversations, conversationIdOf(manish.metaPhoneNumberId, waId));
    expect(conversation).toMatchObject({
      lastInboundWamid: newer.id,
      lastInboundAtMs: Number(newer.timestamp) * 1000,
    });
    expect(await get(tables.whatsAppInbound, older.id)).toMatchObject({ payload: { body: 'first' } });
    // Late, but still waiting for its answer.
    expect(
      pendingEntriesOf(Conversation.parse(conversation))
        .map((entry) => entry.wamid)
        .sort(),
    ).toEqual([newer.id, older.id].sort());
  });

  it('records that a reaction needs no reply', async () => {
    const { dependencies } = setup();
    const waId = newCustomerWaId();
    const reaction = {
      from: waId,
      id: newWamid(),
      timestamp: unixSeconds(new Date()),
      type: 'reaction',
      reaction: { message_id: newWamid(), emoji: '🙏' },
    };
    await handleInboundEvent(inboundLambdaEvent(config, wecare, { messages: [reaction] }), dependencies);
    expect(await get(tables.whatsAppInbound, reaction.id)).toMatchObject({ replyState: 'none-needed' });
    const conversation = await get(tables.conversations, conversationIdOf(wecare.metaPhoneNumberId, waId));
    expect(conversation?.pendingReplies).toBeUndefined();
    expect(conversation?.awaitingPhone).toBeUndefined();
  });
});

describe('handleInboundEvent: media', () => {
  async function mediaUploadedTo(number: BusinessNumber, bytes: Buffer, mimeType: string) {
    // The stand-in serves, to a number, media uploaded for that number: the same path a customer's file takes.
    const key = `${config.buckets.media.outgoingPrefix}test/${randomUUID()}.jpg`;
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.media.name,
        Key: key,
        Body: bytes,
        ContentType: mimeType,
      }),
    );
    const { mediaId } = await clients.socialMessaging.send(
      new PostWhatsAppMessageMediaCommand({
        originationPhoneNumberId: number.awsPhoneNumberId,
        sourceS3File: { bucketName: config.buckets.media.name, key },
      }),
    );
    return mediaId ?? '';
  }

  it('copies the file into the incoming prefix and records key, MIME type and size', async () => {
    const { dependencies } = setup();
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(4096, 3)]);
    const mediaId = await mediaUploadedTo(wecare, bytes, 'image/jpeg');
    const image = {
      from: newCustomerWaId(),
      id: newWamid(),
      timestamp: unixSeconds(new Date()),
      type: 'image',
      image: { id: mediaId, mime_type: 'image/jpeg', sha256: 'abc=', caption: 'report' },
    };
    const report = await handleInboundEvent(
      inboundLambdaEvent(config, wecare, { messages: [image] }),
      dependencies,
    );
    expect(report.retry).toEqual([]);
    const stored = await get(tables.whatsAppInbound, image.id);
    expect(stored?.media).toMatchObject({
      status: 'stored',
      bucket: 'auth.wecare.digital',
      mimeType: 'image/jpeg',
      sizeBytes: bytes.length,
    });
    expect(stored?.media.key).toMatch(
      new RegExp(
        `^whatsapp-media/whatsapp-media-incoming/${wecare.metaPhoneNumberId}/\\d{4}-\\d{2}-\\d{2}/.+\\.jpeg$`,
      ),
    );
    const object = await clients.s3.send(
      new GetObjectCommand({ Bucket: stored?.media.bucket, Key: stored?.media.key }),
    );
    expect(Buffer.from(await (object.Body?.transformToByteArray() ?? new Uint8Array()))).toEqual(bytes);
  });

  it('keeps the conversation going when the download fails, and gets the file on the retry', async () => {
    const { dependencies, calls } = setup();
    const mediaId = await mediaUploadedTo(manish, Buffer.from('%PDF-1.4 quote'), 'application/pdf');
    const document = {
      from: newCustomerWaId(),
      id: newWamid(),
      timestamp: unixSeconds(new Date()),
      type: 'document',
      document: { id: mediaId, mime_type: 'application/pdf', sha256: 'x=', filename: 'quote.pdf' },
    };
    const event = inboundLambdaEvent(config, manish, { messages: [document] });
    await injectFault({
      api: 'social-messaging',
      operation: 'GetWhatsAppMessageMedia',
      errorType: 'InternalServiceException',
      status: 500,
      subject: mediaId,
      // Every attempt of the first delivery (the download is retried twice within it).
      count: 3,
    });

    const first = await handleInboundEvent(event, dependencies);
    expect(first.retry).toHaveLength(1);
    expect(calls.map((call) => call.message.id)).toEqual([document.id]); // handed over before the file
    expect((await get(tables.whatsAppInbound, document.id))?.media).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('InternalServiceException'),
    });

    const retried = await handleInboundEvent(event, dependencies);
    expect(retried.retry).toEqual([]);
    expect((await get(tables.whatsAppInbound, document.id))?.media).toMatchObject({
      status: 'stored',
      attempts: 2,
      mimeType: 'application/pdf',
    });
    // Still unanswered, so the retry hands it over again (the bot's claim makes a second job harmless).
    expect(calls.map((call) => call.message.id)).toEqual([document.id, document.id]);
  });
});

describe('handleInboundEvent: statuses', () => {
  const status = (wamid: string, value: string, at: Date, extra: Record<string, unknown> = {}) => ({
    id: wamid,
    status: value,
    timestamp: unixSeconds(at),
    recipient_id: '919876543210',
    ...extra,
  });

  it('only moves a message forward: a late delivered never undoes read, and failed keeps its codes', async () => {
    const { dependencies } = setup();
    const wamid = newWamid();
    const t = Date.now() - 10_000;
    for (const item of [
      status(wamid, 'sent', new Date(t)),
      status(wamid, 'read', new Date(t + 2000)),
      status(wamid, 'delivered', new Date(t + 1000)),
    ]) {
      await handleInboundEvent(inboundLambdaEvent(config, wecare, { statuses: [item] }), dependencies);
    }
    const read = await get(tables.whatsAppOutbound, wamid);
    expect(read).toMatchObject({ status: 'read', statusRank: 3 });
    expect(Object.keys(read?.statusTimes ?? {}).sort()).toEqual(['delivered', 'read', 'sent']);

    const failedWamid = newWamid();
    const failed = status(failedWamid, 'failed', new Date(t), {
      errors: [{ code: 131026, title: 'Message undeliverable' }],
    });
    await handleInboundEvent(
      inboundLambdaEvent(config, wecare, {
        statuses: [failed, status(failedWamid, 'read', new Date(t + 5000))],
      }),
      dependencies,
    );
    expect(await get(tables.whatsAppOutbound, failedWamid)).toMatchObject({
      status: 'failed',
      errorCodes: [131026],
      errorTitles: ['Message undeliverable'],
      errorMeanings: [expect.stringContaining('Undeliverable')],
    });
  });

  it('keeps a status for a message it has no record of', async () => {
    const { dependencies } = setup();
    const wamid = newWamid();
    await handleInboundEvent(
      inboundLambdaEvent(config, manish, {
        statuses: [
          status(wamid, 'delivered', new Date(), {
            pricing: { billable: true, pricing_model: 'PMP', category: 'utility' },
          }),
        ],
      }),
      dependencies,
    );
    expect(await get(tables.whatsAppOutbound, wamid)).toMatchObject({
      id: wamid,
      status: 'delivered',
      createdBy: 'status-event',
      conversationId: `${manish.metaPhoneNumberId}#919876543210`,
      pricing: { pricingModel: 'PMP', category: 'utility' },
    });
  });
});

describe('handleInboundEvent: bad input', () => {
  it('stores the good record and dead-letters the bad one with its original payload', async () => {
    const { dependencies } = setup();
    const good = text(newCustomerWaId(), 'good one', new Date());
    const badWamid = newWamid();
    const bad = inboundLambdaEvent(config, manish, {
      messages: [{ ...text(newCustomerWaId(), 'bad one', new Date(), badWamid), timestamp: 'soon' }],
    });
    const report = await handleInboundEvent(
      { Records: [...bad.Records, ...inboundLambdaEvent(config, wecare, { messages: [good] }).Records] },
      dependencies,
    );
    expect(report.deadLettered).toEqual([{ index: 0, code: 'invalid-format', stage: 'message' }]);
    expect(await get(tables.whatsAppInbound, good.id)).toBeDefined();
    const [letter] = await deadLettersMentioning(badWamid);
    expect(letter).toMatchObject({
      kind: 'whatsapp-inbound',
      error: { code: 'invalid-format', stage: 'message' },
      disposition: 'dead-letter',
      payload: { Records: bad.Records },
    });
  });

  it('dead-letters an event that is not JSON as the text it was', async () => {
    const { dependencies } = setup();
    const marker = `garbage-${randomUUID()}`;
    const report = await handleInboundEvent(Buffer.from(`${marker} {`), dependencies);
    expect(report.deadLettered).toEqual([{ index: -1, code: 'invalid-json', stage: 'event' }]);
    const [letter] = await deadLettersMentioning(marker);
    expect(letter).toMatchObject({
      error: { code: 'invalid-json', stage: 'event' },
      payloadText: `${marker} {`,
    });
  });
});
