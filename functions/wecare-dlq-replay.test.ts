import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { deadLetterQueueFor, replayDeadLetters } from '#channels/dead-letters/replay-dead-letters.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { queueUrl } from '#core/queues/queue-url.ts';
import { conversationIdOf } from '#core/stores/conversation.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { newCustomerWaId, newWamid, unixSeconds } from '../test/inbound-helpers.ts';
import { testClients, testConfig, unique } from '../test/local-clients.ts';
import { sentTo } from '../test/stand-in-outbox.ts';
import { waitingMessage } from '../test/waiting-message.ts';
import { handler, replayerFor } from './wecare-dlq-replay.ts';

// A queue of this file's own, so that no other test file's letters are replayed here.
const config = testConfig({ WECARE_QUEUE_WHATSAPP_INBOUND_DLQ: unique('replay-dlq') });
const clients = testClients();
const [wecare] = businessNumbers(config) as [BusinessNumber];
const queue = deadLetterQueueFor(config, clients, 'whatsapp-inbound');

beforeAll(async () => {
  await clients.sqs.send(new CreateQueueCommand({ QueueName: config.queues.whatsAppInboundDlq }));
});

const context = () => lambdaContext('wecare-dlq-replay', 900_000);
/** This file's queue, replayed through the same handlers the wecare-dlq-replay function uses. */
const replay = () => replayDeadLetters(queue, (letter) => replayerFor(letter, 'whatsapp-inbound'), 10);

const textEvent = (wamid: string, from = newCustomerWaId()) =>
  inboundLambdaEvent(config, wecare, {
    messages: [
      {
        from,
        id: wamid,
        timestamp: unixSeconds(new Date()),
        type: 'text',
        text: { body: 'replay me' },
      },
    ],
  });

describe('wecare-dlq-replay (whatsapp-inbound)', () => {
  it('replays a letter through the inbound function, and the bot answers; replaying it again changes nothing', async () => {
    const wamid = newWamid();
    const customer = newCustomerWaId();
    const event = textEvent(wamid, customer);
    const letter = {
      kind: 'whatsapp-inbound',
      error: { code: 'upstream', message: 'DynamoDB was unavailable' },
      disposition: 'retry' as const,
      payload: event,
    };
    await queue.send(letter);
    expect(await replay()).toEqual([
      expect.objectContaining({ kind: 'whatsapp-inbound', outcome: 'replayed' }),
    ]);
    const stored = await clients.documents.send(
      new GetCommand({ TableName: config.tables.whatsAppInbound, Key: { id: wamid } }),
    );
    expect(stored.Item).toMatchObject({ payload: { body: 'replay me' } });
    // The replayed customer is answered, once, as if the event had arrived on time.
    await expect.poll(async () => (await sentTo(customer)).length, { timeout: 10_000 }).toBe(1);

    await queue.send(letter);
    expect(await replay()).toEqual([expect.objectContaining({ outcome: 'replayed' })]);
    expect(await queue.receive(10, 1)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await sentTo(customer)).toHaveLength(1);
  });

  it('replaces a letter the inbound function dead-letters again (still not ours) by the new one', async () => {
    const event = textEvent(newWamid());
    const sns = (event.Records[0] as { Sns: { TopicArn: string } }).Sns;
    sns.TopicArn = 'arn:aws:sns:us-east-1:111122223333:not-ours';
    await queue.send({
      kind: 'whatsapp-inbound',
      error: { code: 'unknown-topic', stage: 'sns', message: 'not ours' },
      disposition: 'dead-letter',
      payload: event,
    });
    const [result] = await replay();
    expect(result).toMatchObject({ outcome: 'dead-lettered-again' });
    expect(await queue.receive(10, 1)).toEqual([]);
  });

  it('answers a bad replay request with a typed 400, not a crash', async () => {
    expect(await handler({ queue: 'nowhere' }, context())).toMatchObject({
      ok: false,
      status: 400,
      error: { code: 'validation' },
    });
  });

  it('keeps a payload too big for SQS in S3 and replays it from there', async () => {
    const wamid = newWamid();
    const event = textEvent(wamid);
    const padded = { ...event, padding: 'x'.repeat(300 * 1024) };
    const sent = await queue.send({
      kind: 'whatsapp-inbound',
      error: { code: 'upstream', message: 'timeout' },
      disposition: 'retry',
      payload: padded,
    });
    const [received] = await queue.receive(1, 5);
    expect(received?.letter).toMatchObject({
      id: sent.id,
      payloadS3: { bucket: config.buckets.general.name },
    });
    expect(received?.letter.payload).toEqual(padded);
    await queue.release(received?.receiptHandle ?? '');
  });

  it('replays the raw events Lambda and SNS redrive to the queue (not our letters) through the inbound function', async () => {
    const url = await queueUrl(clients.sqs, config.queues.whatsAppInboundDlq);
    // Lambda's on-failure DLQ holds the SNS event itself; SNS's redrive holds the notification.
    const lambdaFailed = textEvent(newWamid());
    const snsUndelivered = textEvent(newWamid());
    const notification = (snsUndelivered.Records[0] as { Sns: Record<string, unknown> }).Sns;
    for (const body of [JSON.stringify(lambdaFailed), JSON.stringify(notification), 'not json at all'])
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    // (The letter the test before leaves behind is one of ours: kind whatsapp-inbound.)
    const raw = (await replay()).filter((result) => result.kind === 'unknown');
    expect(raw.map((result) => result.outcome).sort()).toEqual(['no-replayer', 'replayed', 'replayed']);
    for (const event of [lambdaFailed, snsUndelivered]) {
      const wamid = JSON.parse(
        JSON.parse((event.Records[0] as { Sns: { Message: string } }).Sns.Message).whatsAppWebhookEntry,
      ).changes[0].value.messages[0].id as string;
      const stored = await clients.documents.send(
        new GetCommand({ TableName: config.tables.whatsAppInbound, Key: { id: wamid } }),
      );
      expect(stored.Item).toMatchObject({ payload: { body: 'replay me' } });
    }
  });
});

describe('wecare-dlq-replay (agent)', () => {
  it('runs a job the agent queue redrove to its dead-letter queue through the bot function, which answers', async () => {
    // A queue of this test's own, holding the job exactly as SQS redrive leaves it (its original body).
    const agentDlq = testConfig({ WECARE_QUEUE_AGENT_DLQ: unique('agent-dlq') });
    await clients.sqs.send(new CreateQueueCommand({ QueueName: agentDlq.queues.agentDlq }));
    const waId = newCustomerWaId();
    const wamid = newWamid();
    const now = new Date();
    // The message stored and pending, its job given up after five receives.
    await inboundStored(wamid, waId, now);
    await clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: await queueUrl(clients.sqs, agentDlq.queues.agentDlq),
        MessageBody: JSON.stringify({
          jobId: randomUUID(),
          conversationId: conversationIdOf(wecare.metaPhoneNumberId, waId),
          wamid,
          reason: 'customer-message',
          enqueuedAtMs: now.getTime(),
        }),
      }),
    );
    const results = await replayDeadLetters(
      deadLetterQueueFor(agentDlq, clients, 'agent'),
      (letter) => replayerFor(letter, 'agent'),
      10,
    );
    expect(results).toEqual([expect.objectContaining({ kind: 'unknown', outcome: 'replayed' })]);
    await expect.poll(async () => (await sentTo(waId)).length, { timeout: 10_000 }).toBe(1);
  });
});

/** What the inbound function leaves for a message: stored, and pending on its conversation. */
async function inboundStored(wamid: string, waId: string, at: Date) {
  await waitingMessage(
    { config, clients },
    { number: wecare, waId, wamid, at, text: 'What are your office hours?', profileName: 'Meera' },
  );
}
