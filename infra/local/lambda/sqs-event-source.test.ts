import { createHash } from 'node:crypto';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testClients, testConfig, unique } from '../../../test/local-clients.ts';
import { waitUntil } from '../wait-until.ts';
import { SqsEventSource, type SqsEventSourceOptions } from './sqs-event-source.ts';

const config = testConfig();
const { sqs } = testClients();
const started: SqsEventSource[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((source) => source.stop()));
});
afterAll(() => sqs.destroy());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quiet = { error: () => undefined, warn: () => undefined };

/**
 * The example event of "Using Lambda with Amazon SQS" (AWS Lambda Developer Guide), one record:
 * the shape every record the event source builds must have.
 */
const awsDocumentedRecord = {
  messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
  receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
  body: 'Test message.',
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1545082649183',
    SenderId: 'AIDAIENQZJOLO23YVJ4VO',
    ApproximateFirstReceiveTimestamp: '1545082649185',
  },
  messageAttributes: {
    myAttribute: { stringValue: 'myValue', stringListValues: [], binaryListValues: [], dataType: 'String' },
  },
  md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-2:123456789012:my-queue',
  awsRegion: 'us-east-2',
} as const;

/** A queue of this test's own with a redrive policy to its own dead-letter queue. */
async function createQueues(options: { visibilityTimeoutSeconds?: number; maxReceiveCount?: number } = {}) {
  const name = unique('lambda-esm');
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqUrl = dlq.QueueUrl ?? '';
  const dlqArn =
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] })))
      .Attributes?.QueueArn ?? '';
  const created = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 1),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqArn,
          maxReceiveCount: options.maxReceiveCount ?? 2,
        }),
      },
    }),
  );
  return { name, url: created.QueueUrl ?? '', dlqUrl };
}

type TestOptions = Omit<SqsEventSourceOptions, 'sqs' | 'functionName' | 'timeoutMs'> &
  Partial<Pick<SqsEventSourceOptions, 'functionName' | 'timeoutMs'>>;

function startSource(options: TestOptions): SqsEventSource {
  const source = new SqsEventSource({
    sqs,
    functionName: 'wecare-test-consumer',
    timeoutMs: 5_000,
    logger: quiet,
    ...options,
  });
  started.push(source);
  source.start();
  return source;
}

async function send(url: string, ...bodies: string[]): Promise<void> {
  await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: url,
      Entries: bodies.map((body, index) => ({ Id: `e${index}`, MessageBody: body })),
    }),
  );
}

/** Each delivery as `body:ApproximateReceiveCount`, sorted. */
const deliveries = (records: readonly SQSRecord[]) =>
  records.map((record) => `${record.body}:${record.attributes.ApproximateReceiveCount}`).sort();

async function queueCounts(url: string) {
  const answer = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return answer.Attributes ?? {};
}

describe('SqsEventSource (event source mapping on fauxqs)', () => {
  it("hands the handler a batch in the shape of AWS's SQS event, then deletes it", async () => {
    const { name, url } = await createQueues();
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          {
            Id: 'withAttributes',
            MessageBody: '{"text":"hello"}',
            MessageAttributes: {
              myAttribute: { DataType: 'String', StringValue: 'myValue' },
              count: { DataType: 'Number', StringValue: '42' },
              blob: { DataType: 'Binary', BinaryValue: Buffer.from('1100') },
            },
          },
          { Id: 'plain', MessageBody: 'Test message.' },
        ],
      }),
    );
    const invocations: { event: SQSEvent; context: Context; remainingMs: number }[] = [];
    const sentAt = Date.now();
    const source = startSource({
      queueName: name,
      timeoutMs: 4_000,
      handler: async (event, context) => {
        invocations.push({ event, context, remainingMs: context.getRemainingTimeInMillis() });
      },
    });
    await source.idle({ timeoutMs: 5_000 });

    expect(invocations).toHaveLength(1);
    const [{ event, context, remainingMs }] = invocations as [(typeof invocations)[number]];
    expect(Object.keys(event)).toEqual(['Records']);
    expect(event.Records).toHaveLength(2);
    const byBody = new Map(event.Records.map((record) => [record.body, record]));
    const withAttributes = byBody.get('{"text":"hello"}') as SQSRecord;
    const plain = byBody.get('Test message.') as SQSRecord;

    for (const record of event.Records) {
      const documented = Object.keys(awsDocumentedRecord).sort();
      const keys = Object.keys(record).filter((key) => key !== 'md5OfMessageAttributes');
      expect(keys.sort()).toEqual(documented);
      for (const key of documented) {
        const field = key as keyof typeof awsDocumentedRecord;
        expect(typeof record[field]).toBe(typeof awsDocumentedRecord[field]);
      }
      expect(Object.keys(record.attributes).sort()).toEqual(
        Object.keys(awsDocumentedRecord.attributes).sort(),
      );
      expect(record.attributes.ApproximateReceiveCount).toBe('1');
      expect(Number(record.attributes.SentTimestamp)).toBeGreaterThan(sentAt - 60_000);
      expect(Number(record.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
        Number(record.attributes.SentTimestamp),
      );
      expect(record.attributes.SenderId).toMatch(/\S/);
      expect(record.md5OfBody).toBe(createHash('md5').update(record.body).digest('hex'));
      expect(record.eventSource).toBe('aws:sqs');
      expect(record.eventSourceARN).toMatch(new RegExp(`^arn:aws:sqs:${config.aws.region}:\\d{12}:${name}$`));
      expect(record.awsRegion).toBe(config.aws.region);
      expect(record.receiptHandle).not.toBe('');
    }
    const ids = new Map(sent.Successful?.map((entry) => [entry.Id, entry]));
    expect(withAttributes.messageId).toBe(ids.get('withAttributes')?.MessageId);
    expect(plain.messageId).toBe(ids.get('plain')?.MessageId);
    expect(withAttributes.md5OfMessageAttributes).toBe(ids.get('withAttributes')?.MD5OfMessageAttributes);
    expect(plain.messageAttributes).toEqual({});
    expect(withAttributes.messageAttributes.myAttribute).toEqual(
      awsDocumentedRecord.messageAttributes.myAttribute,
    );
    expect(withAttributes.messageAttributes).toEqual({
      myAttribute: { stringValue: 'myValue', stringListValues: [], binaryListValues: [], dataType: 'String' },
      count: { stringValue: '42', stringListValues: [], binaryListValues: [], dataType: 'Number' },
      blob: {
        binaryValue: Buffer.from('1100').toString('base64'),
        stringListValues: [],
        binaryListValues: [],
        dataType: 'Binary',
      },
    });

    expect(context.functionName).toBe('wecare-test-consumer');
    expect(remainingMs).toBeGreaterThan(0);
    expect(remainingMs).toBeLessThanOrEqual(4_000);
    expect(source.counters).toMatchObject({ invocations: 1, records: 2, deletedRecords: 2, failures: 0 });
    expect(await queueCounts(url)).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('gives every invocation its own request id', async () => {
    const { name, url } = await createQueues();
    const requestIds: string[] = [];
    const source = startSource({
      queueName: name,
      batchSize: 1,
      handler: async (_event, context) => {
        requestIds.push(context.awsRequestId);
      },
    });
    await send(url, 'one', 'two', 'three');
    await source.idle();
    expect(requestIds).toHaveLength(3);
    expect(new Set(requestIds).size).toBe(3);
  });

  it('deletes the records that succeeded; only the reported failure comes back, received twice', async () => {
    const { name, url } = await createQueues();
    await send(url, 'a', 'b', 'c');
    const seen: SQSRecord[] = [];
    const source = startSource({
      queueName: name,
      handler: async (event): Promise<SQSBatchResponse> => {
        seen.push(...event.Records);
        return {
          batchItemFailures: event.Records.filter(
            (record) => record.body === 'b' && record.attributes.ApproximateReceiveCount === '1',
          ).map((record) => ({ itemIdentifier: record.messageId })),
        };
      },
    });
    await source.idle({ timeoutMs: 10_000 });
    expect(deliveries(seen)).toEqual(['a:1', 'b:1', 'b:2', 'c:1']);
    expect(source.counters).toMatchObject({ failures: 0, failedRecords: 1, deletedRecords: 3 });
  });

  it('deletes nothing when the handler throws: the whole batch comes back', async () => {
    const { name, url } = await createQueues();
    await send(url, 'x', 'y');
    const seen: SQSRecord[] = [];
    const source = startSource({
      queueName: name,
      handler: async (event) => {
        seen.push(...event.Records);
        if (event.Records.some((record) => record.attributes.ApproximateReceiveCount === '1'))
          throw new Error('passing failure');
      },
    });
    await source.idle({ timeoutMs: 10_000 });
    expect(deliveries(seen)).toEqual(['x:1', 'x:2', 'y:1', 'y:2']);
    expect(source.counters.failures).toBeGreaterThanOrEqual(1);
    expect(source.counters.deletedRecords).toBe(2);
  });

  it.each([
    ['an unknown itemIdentifier', 'not-a-message-of-this-batch'],
    ['an empty itemIdentifier', ''],
  ])('fails the whole batch when batchItemFailures names %s', async (_case, itemIdentifier) => {
    const { name, url } = await createQueues();
    await send(url, 'p', 'q');
    const seen: SQSRecord[] = [];
    const source = startSource({
      queueName: name,
      handler: async (event) => {
        seen.push(...event.Records);
        const first = event.Records.some((record) => record.attributes.ApproximateReceiveCount === '1');
        return { batchItemFailures: first ? [{ itemIdentifier }] : [] };
      },
    });
    await source.idle({ timeoutMs: 10_000 });
    expect(deliveries(seen)).toEqual(['p:1', 'p:2', 'q:1', 'q:2']);
    expect(source.counters.failures).toBeGreaterThanOrEqual(1);
  });

  it('ignores batchItemFailures without ReportBatchItemFailures', async () => {
    const { name, url } = await createQueues();
    await send(url, 'r');
    const seen: SQSRecord[] = [];
    const source = startSource({
      queueName: name,
      reportBatchItemFailures: false,
      handler: async (event) => {
        seen.push(...event.Records);
        return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
      },
    });
    await source.idle();
    expect(deliveries(seen)).toEqual(['r:1']);
  });

  it("lets the queue's redrive policy move a message that keeps failing to the dead-letter queue", async () => {
    const { name, url, dlqUrl } = await createQueues({ maxReceiveCount: 2 });
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'doomed' }));
    const seen: SQSRecord[] = [];
    const source = startSource({
      queueName: name,
      handler: async (event) => {
        seen.push(...event.Records);
        throw new Error('permanent failure');
      },
    });
    let deadLetter: { MessageId?: string; Body?: string } | undefined;
    await waitUntil(
      'the message in the dead-letter queue',
      async () => {
        const answer = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 1 }),
        );
        deadLetter = answer.Messages?.[0];
        return deadLetter !== undefined;
      },
      10_000,
      0,
    );
    expect(deadLetter).toMatchObject({ MessageId: sent.MessageId, Body: 'doomed' });
    await source.idle({ timeoutMs: 5_000 });
    expect(deliveries(seen)).toEqual(['doomed:1', 'doomed:2']);
    expect(source.counters).toMatchObject({ invocations: 2, failures: 2, deletedRecords: 0 });
  });

  it('picks up a delayed message once its DelaySeconds have passed', async () => {
    const { name, url } = await createQueues();
    const sentAt = new Map<string, number>();
    const latencies = new Map<string, number>();
    const source = startSource({
      queueName: name,
      handler: async (event) => {
        for (const record of event.Records)
          latencies.set(record.body, Date.now() - (sentAt.get(record.body) ?? Number.NaN));
      },
    });
    await sleep(200); // the pollers are waiting in a long poll
    for (const body of ['d1', 'd2', 'd3']) {
      sentAt.set(body, Date.now());
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, DelaySeconds: 1 }));
      await sleep(150);
    }
    await source.idle({ timeoutMs: 10_000 });
    console.info(`delayed pickup (DelaySeconds 1), ms: ${[...latencies.values()].join(', ')}`);
    expect([...latencies.keys()].sort()).toEqual(['d1', 'd2', 'd3']);
    for (const latency of latencies.values()) {
      expect(latency).toBeGreaterThanOrEqual(990);
      expect(latency).toBeLessThan(5_000);
    }
  });

  it('fails an invocation that outlives the timeout, so its batch comes back', async () => {
    const { name, url } = await createQueues();
    await send(url, 't');
    const seen: SQSRecord[] = [];
    const remaining: number[] = [];
    const source = startSource({
      queueName: name,
      timeoutMs: 300,
      handler: async (event, context) => {
        seen.push(...event.Records);
        remaining.push(context.getRemainingTimeInMillis());
        if (event.Records[0]?.attributes.ApproximateReceiveCount === '1') await sleep(1_500);
      },
    });
    await source.idle({ timeoutMs: 10_000 });
    expect(deliveries(seen)).toEqual(['t:1', 't:2']);
    expect(source.counters).toMatchObject({ invocations: 2, timeouts: 1, failures: 1, deletedRecords: 1 });
    for (const value of remaining) expect(value).toBeLessThanOrEqual(300);
  });

  it('stop() waits for the invocation in flight and its delete', async () => {
    const { name, url } = await createQueues({ visibilityTimeoutSeconds: 30 });
    let begun = false;
    let finished = false;
    const source = startSource({
      queueName: name,
      handler: async () => {
        begun = true;
        await sleep(700);
        finished = true;
      },
    });
    await send(url, 'slow');
    await waitUntil('the invocation', async () => begun, 5_000, 10);
    const stopping = Date.now();
    await source.stop();
    expect(finished).toBe(true);
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(source.isRunning).toBe(false);
    expect(await queueCounts(url)).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
    expect(source.counters.deletedRecords).toBe(1);
  });

  it('invokes no more than maxConcurrency batches at once', async () => {
    const { name, url } = await createQueues({ visibilityTimeoutSeconds: 30 });
    let running = 0;
    let most = 0;
    const seen: SQSRecord[] = [];
    const source = startSource({
      queueName: name,
      batchSize: 1,
      maxConcurrency: 2,
      handler: async (event) => {
        running += 1;
        most = Math.max(most, running);
        seen.push(...event.Records);
        await sleep(150);
        running -= 1;
      },
    });
    await send(url, '1', '2', '3', '4', '5', '6');
    await source.idle({ timeoutMs: 10_000 });
    expect(deliveries(seen)).toEqual(['1:1', '2:1', '3:1', '4:1', '5:1', '6:1']);
    expect(most).toBe(2);
  });

  it('gathers records for the batching window before invoking', async () => {
    const { name, url } = await createQueues({ visibilityTimeoutSeconds: 30 });
    const batches: number[] = [];
    const source = startSource({
      queueName: name,
      batchSize: 20,
      maximumBatchingWindowMs: 1_500,
      maxConcurrency: 1,
      handler: async (event) => {
        batches.push(event.Records.length);
      },
    });
    await send(url, 'w1');
    await sleep(300);
    await send(url, 'w2', 'w3');
    await source.idle({ timeoutMs: 10_000 });
    expect(batches).toEqual([3]);
  });

  it('refuses a batch size above 10 without a batching window, as AWS does', () => {
    expect(
      () =>
        new SqsEventSource({
          sqs,
          queueName: 'q',
          functionName: 'f',
          timeoutMs: 1,
          batchSize: 11,
          handler: async () => undefined,
        }),
    ).toThrow(RangeError);
  });

  it('logs and retries when it cannot poll, and carries on once the queue is there', async () => {
    const name = unique('lambda-esm-late');
    const errors: unknown[] = [];
    const seen: SQSRecord[] = [];
    const source = startSource({
      queueName: name,
      pollErrorBackoffMs: { initial: 50, max: 200 },
      logger: { error: (message: unknown) => errors.push(message), warn: () => undefined },
      handler: async (event) => {
        seen.push(...event.Records);
      },
    });
    await waitUntil('a failed poll', async () => source.counters.pollErrors >= 2, 5_000, 20);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    const created = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    await send(created.QueueUrl ?? '', 'finally');
    await waitUntil('the message handled', async () => seen.length === 1, 10_000, 20);
    expect(deliveries(seen)).toEqual(['finally:1']);
  });
});
