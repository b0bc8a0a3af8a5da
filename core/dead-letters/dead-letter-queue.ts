import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { queueUrl } from '../queues/queue-url.ts';
import { DeadLetter } from './dead-letter.ts';

/** SQS takes up to 256 KiB per message; larger originals go to S3 and the queue holds a pointer. */
const maxInlineBytes = 200 * 1024;

export interface ReceivedDeadLetter {
  letter: DeadLetter;
  receiptHandle: string;
  receiveCount: number;
  /** The message body could not be read as a dead letter (a foreign message in the queue). */
  unreadable?: string;
}

/**
 * A dead-letter queue: where the original payload of anything that could not be handled goes,
 * so that nothing is lost and it can be listed and replayed.
 */
export class DeadLetterQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly s3: S3Client,
    private readonly queueName: string,
    private readonly claimCheck: { bucket: string; prefix: string },
  ) {}

  async send(input: Omit<DeadLetter, 'version' | 'id' | 'failedAt' | 'payloadS3'>): Promise<DeadLetter> {
    const letter: DeadLetter = { ...input, version: 1, id: randomUUID(), failedAt: new Date().toISOString() };
    let body = JSON.stringify(letter);
    if (Buffer.byteLength(body) > maxInlineBytes) {
      const key = `${this.claimCheck.prefix}${this.queueName}/${letter.id}.json`;
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.claimCheck.bucket,
          Key: key,
          Body: JSON.stringify({ payload: letter.payload, payloadText: letter.payloadText }),
          ContentType: 'application/json',
        }),
      );
      const { payload: _payload, payloadText: _payloadText, ...rest } = letter;
      body = JSON.stringify({ ...rest, payloadS3: { bucket: this.claimCheck.bucket, key } });
    }
    await this.sqs.send(
      new SendMessageCommand({ QueueUrl: await queueUrl(this.sqs, this.queueName), MessageBody: body }),
    );
    return letter;
  }

  /** Up to `max` letters, hidden from other readers for `visibilitySeconds` while they are looked at. */
  async receive(max: number, visibilitySeconds: number): Promise<ReceivedDeadLetter[]> {
    const url = await queueUrl(this.sqs, this.queueName);
    const received: ReceivedDeadLetter[] = [];
    while (received.length < max) {
      const batch = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: Math.min(10, max - received.length),
          VisibilityTimeout: visibilitySeconds,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      const messages = batch.Messages ?? [];
      if (messages.length === 0) break;
      for (const message of messages) {
        received.push(
          await this.read(
            message.Body ?? '',
            message.ReceiptHandle ?? '',
            Number(message.Attributes?.ApproximateReceiveCount ?? 1),
          ),
        );
      }
    }
    return received;
  }

  async delete(receiptHandle: string): Promise<void> {
    await this.sqs.send(
      new DeleteMessageCommand({
        QueueUrl: await queueUrl(this.sqs, this.queueName),
        ReceiptHandle: receiptHandle,
      }),
    );
  }

  /** Makes a letter visible again at once (after listing it, or after a failed replay). */
  async release(receiptHandle: string): Promise<void> {
    await this.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: await queueUrl(this.sqs, this.queueName),
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: 0,
      }),
    );
  }

  private async read(body: string, receiptHandle: string, receiveCount: number): Promise<ReceivedDeadLetter> {
    let candidate: unknown;
    try {
      candidate = JSON.parse(body);
    } catch {
      candidate = undefined;
    }
    const parsed = DeadLetter.safeParse(candidate);
    if (!parsed.success) {
      const letter: DeadLetter = {
        kind: 'unknown',
        version: 1,
        id: receiptHandle.slice(0, 36),
        failedAt: '',
        error: { code: 'unreadable', message: 'not a dead letter written by this platform' },
        disposition: 'dead-letter',
        payloadText: body,
      };
      return { letter, receiptHandle, receiveCount, unreadable: body.slice(0, 200) };
    }
    const letter = parsed.data;
    if (letter.payloadS3) {
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: letter.payloadS3.bucket, Key: letter.payloadS3.key }),
      );
      const stored = JSON.parse((await object.Body?.transformToString()) ?? '{}') as {
        payload?: unknown;
        payloadText?: string;
      };
      return {
        letter: {
          ...letter,
          payload: stored.payload,
          ...(stored.payloadText !== undefined ? { payloadText: stored.payloadText } : {}),
        },
        receiptHandle,
        receiveCount,
      };
    }
    return { letter, receiptHandle, receiveCount };
  }
}
