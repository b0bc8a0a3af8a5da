import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { queueDefinitions } from './queue-definitions.ts';
import { queueUrl } from './queue-url.ts';

const config = testConfig();
const { sqs } = testClients();
afterAll(() => sqs.destroy());

async function receiveOne(url: string, visibilityTimeout?: number) {
  const answer = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 1,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      ...(visibilityTimeout === undefined ? {} : { VisibilityTimeout: visibilityTimeout }),
    }),
  );
  return answer.Messages?.[0];
}

describe("the seed's five queues and the agent queue in the local world", () => {
  it('exist with their visibility timeout and retention', async () => {
    for (const definition of queueDefinitions(config)) {
      const url = await queueUrl(sqs, definition.name);
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
      );
      expect(Attributes?.VisibilityTimeout, definition.name).toBe(
        String(definition.visibilityTimeoutSeconds),
      );
      expect(Attributes?.MessageRetentionPeriod, definition.name).toBe(String(definition.retentionSeconds));
    }
  });

  it('hide a received message for the visibility timeout and count its receives', async () => {
    // A queue of this test's own with the DLQs' settings: the real ones receive letters from other tests.
    const { QueueUrl: url = '' } = await sqs.send(
      new CreateQueueCommand({ QueueName: unique('visibility'), Attributes: { VisibilityTimeout: '300' } }),
    );
    const body = unique('outbound-failure');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    const first = await receiveOne(url);
    expect(first?.Body).toBe(body);
    expect(first?.Attributes?.ApproximateReceiveCount).toBe('1');
    // Still invisible: a second consumer does not get it while the first holds it.
    expect(await receiveOne(url)).toBeUndefined();
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const second = await receiveOne(url);
    expect(second?.Body).toBe(body);
    expect(second?.Attributes?.ApproximateReceiveCount).toBe('2');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: second?.ReceiptHandle }));
  });

  it('move a bulk chunk that keeps failing to the bulk DLQ after maxReceiveCount receives', async () => {
    const bulk = queueDefinitions(config).find((definition) => definition.key === 'bulk');
    const maxReceiveCount = bulk?.deadLetter?.maxReceiveCount ?? 0;
    expect(maxReceiveCount).toBeGreaterThan(0);
    const url = await queueUrl(sqs, config.queues.bulk);
    const body = unique('poison-chunk');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    for (let attempt = 1; attempt <= maxReceiveCount; attempt += 1) {
      const message = await receiveOne(url, 0);
      expect(message?.Body).toBe(body);
    }
    expect(await receiveOne(url, 0)).toBeUndefined();
    const dead = await receiveOne(await queueUrl(sqs, config.queues.bulkDlq));
    expect(dead?.Body).toBe(body);
  });

  it('fail a lookup of a queue that does not exist, and ask again next time', async () => {
    await expect(queueUrl(sqs, 'no-such-queue')).rejects.toBeInstanceOf(QueueDoesNotExist);
    await expect(queueUrl(sqs, 'no-such-queue')).rejects.toBeInstanceOf(QueueDoesNotExist);
  });
});
