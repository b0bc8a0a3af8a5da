import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors/app-errors.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { replayerFor } from '#functions/wecare-dlq-replay.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { clearFaults, injectFault } from '../../test/stand-in-control.ts';
import { deadLetterQueueFor, replayDeadLetters } from '../dead-letters/replay-dead-letters.ts';
import { emailSender } from '../email/email-dependencies.ts';
import { smsSender } from '../sms/sms-dependencies.ts';

const _replayContext = lambdaContext('wecare-dlq-replay', 900_000);
const config = testConfig();
const clients = testClients();
afterEach(() => clearFaults());

const outbox = async <Item>(path: string): Promise<Item[]> => {
  const response = (await (await fetch(`${config.local.awsEndpoint}/__stand-in/${path}`)).json()) as {
    messages?: Item[];
    emails?: Item[];
  };
  return response.messages ?? response.emails ?? [];
};
const record = (id: string) =>
  clients.documents
    .send(new GetCommand({ TableName: config.tables.channelMessages, Key: { id } }))
    .then((found) => found.Item);
const randomNumber = () => `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

describe('SMS channel', () => {
  it('sends from the pool once per idempotency key and records it', async () => {
    const sender = smsSender(config, clients);
    const to = randomNumber();
    const request = {
      idempotencyKey: unique('otp'),
      to,
      body: 'Your WECARE.DIGITAL code is 482913',
      sentBy: { kind: 'system', reason: 'login' },
    };
    const first = await sender.send(request);
    expect(await sender.send(request)).toEqual(first);
    const sent = await outbox<{ message: { OriginationIdentity: string; MessageType: string } }>(
      `sms-voice/outbox?to=${encodeURIComponent(to)}`,
    );
    expect(sent.map((item) => item.message)).toEqual([
      expect.objectContaining({ OriginationIdentity: config.sms.poolId, MessageType: 'TRANSACTIONAL' }),
    ]);
    expect(await record(first.messageId)).toMatchObject({
      channel: 'sms',
      recipient: to,
      status: 'accepted',
    });
  });

  it('paces a burst to the pool rate so that no throttling reaches the caller', async () => {
    const sender = smsSender(config, clients);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) =>
        sender.send({
          idempotencyKey: unique(`burst-${index}`),
          to: randomNumber(),
          body: `Reminder ${index}`,
          sentBy: { kind: 'bot' },
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
  });

  it('refuses a number that is not E.164 before any call', async () => {
    await expect(
      smsSender(config, clients).send({
        idempotencyKey: unique('bad'),
        to: '98765 43210',
        body: 'hi',
        sentBy: { kind: 'bot' },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('email channel', () => {
  it('sends from the verified identity once per idempotency key and records it', async () => {
    const sender = emailSender(config, clients);
    const to = `${unique('customer')}@example.in`;
    const request = {
      idempotencyKey: unique('invoice-mail'),
      to: [to],
      subject: 'Invoice INV-2026-0042',
      text: 'Your invoice of ₹1,500 is attached.',
      sentBy: { kind: 'bot' },
    };
    const first = await sender.send(request);
    expect(await sender.send(request)).toEqual(first);
    const sent = await outbox<{ message: { FromEmailAddress: string } }>(
      `sesv2/outbox?to=${encodeURIComponent(to)}`,
    );
    expect(sent.map((item) => item.message.FromEmailAddress)).toEqual([
      '"WECARE.DIGITAL" <one@wecare.digital>',
    ]);
    expect(await record(first.messageId)).toMatchObject({
      channel: 'email',
      recipient: to,
      subject: 'Invoice INV-2026-0042',
    });
  });

  it('needs a body and valid addresses', async () => {
    const sender = emailSender(config, clients);
    await expect(
      sender.send({
        idempotencyKey: unique('mail'),
        to: ['not-an-address'],
        subject: 'Hi',
        text: 'x',
        sentBy: { kind: 'bot' },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      sender.send({
        idempotencyKey: unique('mail'),
        to: ['a@example.in'],
        subject: 'Hi',
        sentBy: { kind: 'bot' },
      }),
    ).rejects.toThrow(/text or an html body/);
  });

  it('dead-letters a mail that keeps failing and replays it once', async () => {
    const queueName = unique('mail-dlq');
    const isolated = testConfig({ WECARE_QUEUE_OUTBOUND_DLQ: queueName });
    await clients.sqs.send(new CreateQueueCommand({ QueueName: queueName }));
    const sender = emailSender(isolated, clients, {
      retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const to = `${unique('later')}@example.in`;
    await injectFault({
      api: 'sesv2',
      operation: 'SendEmail',
      errorType: 'TooManyRequestsException',
      status: 429,
      count: 2,
      subject: to,
    });
    await expect(
      sender.send({
        idempotencyKey: unique('mail'),
        to: [to],
        subject: 'Receipt',
        text: 'Thanks!',
        sentBy: { kind: 'bot' },
      }),
    ).rejects.toMatchObject({ code: 'throttled' });
    const [letter] = await deadLetterQueueFor(isolated, clients, 'outbound').receive(5, 1);
    expect(letter?.letter).toMatchObject({
      kind: 'email-outbound',
      payload: { to: [to], subject: 'Receipt' },
    });
    await deadLetterQueueFor(isolated, clients, 'outbound').release(letter?.receiptHandle ?? '');
    expect(
      await replayDeadLetters(
        deadLetterQueueFor(isolated, clients, 'outbound'),
        (letter) => replayerFor(letter, 'outbound'),
        5,
      ),
    ).toEqual([expect.objectContaining({ kind: 'email-outbound', outcome: 'replayed' })]);
    expect(await outbox(`sesv2/outbox?to=${encodeURIComponent(to)}`)).toHaveLength(1);
  });
});
