import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '#core/errors/app-errors.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { replayerFor } from '#functions/wecare-dlq-replay.ts';
import { type BusinessNumber, businessNumbers } from '#infra/local/whatsapp/eum-event-builder.ts';
import { newCustomerWaId, newWamid } from '../../../test/inbound-helpers.ts';
import { testClients, testConfig, unique } from '../../../test/local-clients.ts';
import { clearFaults, injectFault } from '../../../test/stand-in-control.ts';
import { sentTo } from '../../../test/stand-in-outbox.ts';
import { deadLetterQueueFor, replayDeadLetters } from '../../dead-letters/replay-dead-letters.ts';
import { WindowClosedError } from './outbound-errors.ts';
import { whatsAppSender } from './sender-dependencies.ts';

const _replayContext = lambdaContext('wecare-dlq-replay', 900_000);
const config = testConfig();
const clients = testClients();
const [wecare, manish] = businessNumbers(config) as [BusinessNumber, BusinessNumber];
const conversations = new ConversationStore(clients.documents, config.tables.conversations);
afterEach(() => clearFaults());

/** A customer who wrote `agoMs` ago to the business number, which opened (or, if long ago, closed) the window. */
async function customerWhoWrote(number: BusinessNumber, agoMs: number): Promise<string> {
  const waId = newCustomerWaId();
  const at = new Date(Date.now() - agoMs);
  await conversations.recordInbound({
    businessPhoneNumberId: number.metaPhoneNumberId,
    customerWaId: waId,
    profileName: 'Asha',
    wamid: newWamid(),
    at: at.toISOString(),
    atMs: at.getTime(),
  });
  return waId;
}

const request = (to: string, content: unknown, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: unique('send'),
  from: wecare.awsPhoneNumberId,
  to,
  content,
  sentBy: { kind: 'bot' },
  ...extra,
});

describe('WhatsAppSender', () => {
  it('sends a text inside the window, records it, and the customer gets it once per idempotency key', async () => {
    const retries: number[] = [];
    const sender = whatsAppSender(config, clients, { onRetry: (_error, attempt) => retries.push(attempt) });
    const to = await customerWhoWrote(wecare, 60_000);
    const send = request(
      to,
      { type: 'text', body: 'नमस्ते! Your appointment is confirmed.' },
      { sentBy: { kind: 'agent', agentId: 'agent-priya' } },
    );
    const first = await sender.send(send);
    const again = await sender.send(send);
    expect(again.wamid).toBe(first.wamid);
    expect(await sentTo(to)).toHaveLength(1);
    const record = await clients.documents.send(
      new GetCommand({ TableName: config.tables.whatsAppOutbound, Key: { id: first.wamid } }),
    );
    expect(record.Item).toMatchObject({
      conversationId: `${wecare.metaPhoneNumberId}#${to}`,
      sentBy: { kind: 'agent', agentId: 'agent-priya' },
      content: { type: 'text', body: 'नमस्ते! Your appointment is confirmed.' },
    });
    // The simulator answers every send with statuses, so the lifecycle may already have moved on.
    expect(['accepted', 'sent', 'delivered', 'read']).toContain(record.Item?.status);
    expect(retries).toEqual([]);
  });

  it('refuses free-form messages once the window has closed, naming the remedy, and sends nothing', async () => {
    const sender = whatsAppSender(config, clients);
    const closed = await customerWhoWrote(wecare, 24 * 60 * 60 * 1000 + 1000);
    const failure = await sender
      .send(request(closed, { type: 'text', body: 'Are you still there?' }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WindowClosedError);
    expect((failure as WindowClosedError).details).toMatchObject({ remedy: 'send-template' });
    expect((failure as WindowClosedError).message).toContain('Send an approved template instead');
    await expect(
      sender.send(request(newCustomerWaId(), { type: 'text', body: 'Hello stranger' })),
    ).rejects.toBeInstanceOf(WindowClosedError);
    expect(await sentTo(closed)).toEqual([]);
  });

  it('always allows an approved template, with its parameters checked, but never marketing to +1', async () => {
    const sender = whatsAppSender(config, clients);
    const closed = await customerWhoWrote(manish, 3 * 24 * 60 * 60 * 1000);
    const body = [
      { type: 'text', text: 'Asha' },
      { type: 'text', text: 'INV-2026-0042' },
      { type: 'text', text: '₹1,500' },
      { type: 'text', text: 'https://pay.wecare.digital/x1' },
    ];
    const sent = await sender.send(
      request(
        closed,
        { type: 'template', name: 'payment_link', language: 'hi', body },
        { from: manish.metaPhoneNumberId },
      ),
    );
    expect((await sentTo(closed))[0]?.message).toMatchObject({
      type: 'template',
      template: { name: 'payment_link', language: { code: 'hi' } },
    });
    expect(sent.wamid).toMatch(/^wamid\./);
    await expect(
      sender.send(
        request(closed, { type: 'template', name: 'payment_link', language: 'hi', body: body.slice(0, 2) }),
      ),
    ).rejects.toThrow(/takes 4 body parameter/);
    await expect(
      sender.send(request(closed, { type: 'template', name: 'no_such_template', language: 'en_US' })),
    ).rejects.toBeInstanceOf(ValidationError);
    const marketing = {
      type: 'template',
      name: 'festive_offer',
      language: 'en_US',
      body: [
        { type: 'text', text: 'Sam' },
        { type: 'text', text: '20% off' },
      ],
    };
    await expect(sender.send(request('14255550123', marketing))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it.each([
    ['a text over 4,096 characters', { type: 'text', body: 'x'.repeat(4097) }, /at most 4096/],
    [
      'four reply buttons',
      {
        type: 'buttons',
        body: 'Pick one',
        buttons: [1, 2, 3, 4].map((n) => ({ id: `b${n}`, title: `Option ${n}` })),
      },
      /at most 3 reply buttons/,
    ],
    [
      'a button title over 20 characters',
      { type: 'buttons', body: 'Pick', buttons: [{ id: 'a', title: 'This title is far too long' }] },
      /at most 20/,
    ],
    [
      'eleven list rows',
      {
        type: 'list',
        body: 'Slots',
        buttonText: 'See slots',
        sections: [{ rows: Array.from({ length: 11 }, (_, n) => ({ id: `r${n}`, title: `Slot ${n}` })) }],
      },
      /at most 10 rows/,
    ],
    [
      'a row description over 72 characters',
      {
        type: 'list',
        body: 'Slots',
        buttonText: 'See',
        sections: [{ rows: [{ id: 'r', title: 'Slot', description: 'd'.repeat(73) }] }],
      },
      /at most 72/,
    ],
    ['a latitude of 120', { type: 'location', latitude: 120, longitude: 88 }, /latitude/],
  ])('refuses %s before any call', async (_case, content, reason) => {
    const sender = whatsAppSender(config, clients);
    const to = await customerWhoWrote(wecare, 1000);
    const failure = sender.send(request(to, content));
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toThrow(reason);
    expect(await sentTo(to)).toEqual([]);
  });

  it('sends interactive buttons, lists, locations, contacts, reactions and replies in Meta shape', async () => {
    const sender = whatsAppSender(config, clients);
    const to = await customerWhoWrote(wecare, 1000);
    const replyTo = newWamid();
    await sender.send(
      request(
        to,
        {
          type: 'buttons',
          header: 'Plans',
          body: 'Which plan?',
          footer: 'WECARE.DIGITAL',
          buttons: [
            { id: 'basic', title: 'Basic' },
            { id: 'plus', title: 'Plus' },
          ],
        },
        { replyTo },
      ),
    );
    await sender.send(
      request(to, {
        type: 'list',
        body: 'Choose a slot',
        buttonText: 'Slots',
        sections: [
          { title: 'Saturday', rows: [{ id: 'sat-10', title: '10:00', description: 'Morning' }] },
          { title: 'Sunday', rows: [{ id: 'sun-4', title: '16:00' }] },
        ],
      }),
    );
    await sender.send(
      request(to, {
        type: 'location',
        latitude: 22.5726,
        longitude: 88.3639,
        name: 'WECARE.DIGITAL',
        address: 'Kolkata',
      }),
    );
    await sender.send(
      request(to, {
        type: 'contacts',
        contacts: [{ formattedName: 'WECARE Support', phones: [{ phone: '+91 93309 94400', type: 'WORK' }] }],
      }),
    );
    await sender.send(request(to, { type: 'reaction', messageId: replyTo, emoji: '👍' }));
    const messages = (await sentTo(to)).map((item) => item.message);
    expect(messages.map((message) => message.type)).toEqual([
      'interactive',
      'interactive',
      'location',
      'contacts',
      'reaction',
    ]);
    expect(messages[0]).toMatchObject({
      context: { message_id: replyTo },
      interactive: {
        type: 'button',
        action: { buttons: [{ type: 'reply', reply: { id: 'basic', title: 'Basic' } }, expect.anything()] },
      },
    });
    expect(messages[1]).toMatchObject({
      interactive: {
        type: 'list',
        action: { button: 'Slots', sections: [{ title: 'Saturday' }, { title: 'Sunday' }] },
      },
    });
  });

  it('uploads media from the outgoing prefix after checking its type and size, and sends it by media id', async () => {
    const sender = whatsAppSender(config, clients);
    const to = await customerWhoWrote(manish, 1000);
    const key = `${config.buckets.media.outgoingPrefix}${unique('brochure')}.pdf`;
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.media.name,
        Key: key,
        Body: '%PDF-1.4 price list',
        ContentType: 'application/pdf',
      }),
    );
    await sender.send(
      request(
        to,
        { type: 'document', s3Key: key, caption: 'Our price list', filename: 'prices.pdf' },
        { from: manish.awsPhoneNumberId },
      ),
    );
    expect((await sentTo(to))[0]?.message).toMatchObject({
      type: 'document',
      document: { id: expect.stringMatching(/^\d+$/), caption: 'Our price list', filename: 'prices.pdf' },
    });

    const gif = `${config.buckets.media.outgoingPrefix}${unique('anim')}.gif`;
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.media.name,
        Key: gif,
        Body: 'GIF89a',
        ContentType: 'image/gif',
      }),
    );
    await expect(
      sender.send(request(to, { type: 'image', s3Key: gif }, { from: manish.awsPhoneNumberId })),
    ).rejects.toThrow(/not a WhatsApp media type/);
    await expect(
      sender.send(
        request(to, { type: 'image', s3Key: 'elsewhere/photo.jpg' }, { from: manish.awsPhoneNumberId }),
      ),
    ).rejects.toThrow(/must be under/);
  });

  it('retries throttling and outages with backoff, and the caller never sees them', async () => {
    const retries: string[] = [];
    const sender = whatsAppSender(config, clients, {
      onRetry: (error) => retries.push(error.code),
      retryPolicy: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 20 },
    });
    const to = await customerWhoWrote(wecare, 1000);
    await injectFault({
      api: 'social-messaging',
      operation: 'SendWhatsAppMessage',
      errorType: 'ThrottledRequestException',
      status: 429,
      count: 2,
      subject: to,
    });
    await injectFault({
      api: 'social-messaging',
      operation: 'SendWhatsAppMessage',
      errorType: 'InternalServiceException',
      status: 500,
      count: 1,
      subject: to,
    });
    await expect(sender.send(request(to, { type: 'text', body: 'Worth the wait' }))).resolves.toHaveProperty(
      'wamid',
    );
    expect(retries).toEqual(['throttled', 'throttled', 'upstream']);
    expect(await sentTo(to)).toHaveLength(1);
  });

  it('dead-letters a send that finally fails, with its whole request, and replays it once', async () => {
    const queueName = unique('outbound-dlq');
    const isolated = testConfig({ WECARE_QUEUE_OUTBOUND_DLQ: queueName });
    await clients.sqs.send(
      new (await import('@aws-sdk/client-sqs')).CreateQueueCommand({ QueueName: queueName }),
    );
    const sender = whatsAppSender(isolated, clients, {
      retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const to = await customerWhoWrote(wecare, 1000);
    const send = request(to, { type: 'text', body: 'This one failed first' });
    await injectFault({
      api: 'social-messaging',
      operation: 'SendWhatsAppMessage',
      errorType: 'InternalServiceException',
      status: 500,
      count: 2,
      subject: to,
    });
    await expect(sender.send(send)).rejects.toMatchObject({ code: 'upstream' });
    const [letter] = await deadLetterQueueFor(isolated, clients, 'outbound').receive(5, 1);
    expect(letter?.letter).toMatchObject({
      kind: 'whatsapp-outbound',
      disposition: 'retry',
      payload: { idempotencyKey: send.idempotencyKey, to, content: { body: 'This one failed first' } },
    });
    await deadLetterQueueFor(isolated, clients, 'outbound').release(letter?.receiptHandle ?? '');

    expect(
      await replayDeadLetters(
        deadLetterQueueFor(isolated, clients, 'outbound'),
        (letter) => replayerFor(letter, 'outbound'),
        5,
      ),
    ).toEqual([expect.objectContaining({ outcome: 'replayed' })]);
    expect(
      await replayDeadLetters(
        deadLetterQueueFor(isolated, clients, 'outbound'),
        (letter) => replayerFor(letter, 'outbound'),
        5,
      ),
    ).toEqual([]);
    expect(await sentTo(to)).toHaveLength(1);
  });

  it("marks a customer's message as read (blue ticks on their side)", async () => {
    const sender = whatsAppSender(config, clients);
    const to = await customerWhoWrote(wecare, 1000);
    const customerMessage = newWamid();
    await sender.markAsRead(wecare.displayDigits, customerMessage);
    const response = await fetch(
      `${config.local.awsEndpoint}/__stand-in/social-messaging/sent?phoneNumberId=${wecare.awsPhoneNumberId}`,
    );
    const { messages } = (await response.json()) as { messages: Array<{ message: Record<string, unknown> }> };
    expect(messages.map((item) => item.message)).toContainEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: customerMessage,
    });
    expect(await sentTo(to)).toEqual([]);
  });
});
