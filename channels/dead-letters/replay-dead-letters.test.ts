import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { newCustomerWaId, newWamid, unixSeconds } from '../../test/inbound-helpers.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { deadLetterQueueFor, replayDeadLetters } from './replay-dead-letters.ts';

// A queue of this file's own, so that no other test file's letters are replayed here.
const config = testConfig({ WECARE_QUEUE_WHATSAPP_INBOUND_DLQ: unique('replay-dlq') });
const clients = testClients();
const [wecare] = businessNumbers(config) as [BusinessNumber];
const queue = deadLetterQueueFor(config, clients, 'whatsapp-inbound');

beforeAll(async () => {
  await clients.sqs.send(new CreateQueueCommand({ QueueName: config.queues.whatsAppInboundDlq }));
});

const textEvent = (wamid: string) =>
  inboundLambdaEvent(config, wecare, {
    messages: [
      {
        from: newCustomerWaId(),
        id: wamid,
        timestamp: unixSeconds(new Date()),
        type: 'text',
        text: { body: 'replay me' },
      },
    ],
  });

describe('replayDeadLetters (whatsapp-inbound)', () => {
  it('replays a letter into the tables and deletes it; replaying the same event again changes nothing', async () => {
    const wamid = newWamid();
    const event = textEvent(wamid);
    const letter = {
      kind: 'whatsapp-inbound',
      error: { code: 'upstream', message: 'DynamoDB was unavailable' },
      disposition: 'retry' as const,
      payload: event,
    };
    await queue.send(letter);
    expect(await replayDeadLetters(config, clients, 'whatsapp-inbound', 10)).toEqual([
      expect.objectContaining({ kind: 'whatsapp-inbound', outcome: 'replayed' }),
    ]);
    const stored = await clients.documents.send(
      new GetCommand({ TableName: config.tables.whatsAppInbound, Key: { id: wamid } }),
    );
    expect(stored.Item).toMatchObject({ payload: { body: 'replay me' } });

    await queue.send(letter);
    expect(await replayDeadLetters(config, clients, 'whatsapp-inbound', 10)).toEqual([
      expect.objectContaining({ outcome: 'replayed' }),
    ]);
    expect(await queue.receive(10, 1)).toEqual([]);
  });

  it('leaves a letter that still fails in the queue, with the reason', async () => {
    const event = textEvent(newWamid());
    const sns = (event.Records[0] as { Sns: { TopicArn: string } }).Sns;
    sns.TopicArn = 'arn:aws:sns:us-east-1:111122223333:not-ours';
    await queue.send({
      kind: 'whatsapp-inbound',
      error: { code: 'unknown-topic', stage: 'sns', message: 'not ours' },
      disposition: 'dead-letter',
      payload: event,
    });
    const [result] = await replayDeadLetters(config, clients, 'whatsapp-inbound', 10);
    expect(result).toMatchObject({
      outcome: 'still-failing',
      reason: expect.stringContaining('unknown-topic'),
    });
    const remaining = await queue.receive(10, 1);
    expect(remaining.map((item) => item.letter.error.code)).toEqual(['unknown-topic']);
    await queue.delete(remaining[0]?.receiptHandle ?? '');
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
});
