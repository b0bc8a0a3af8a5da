import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';

/**
 * An SQS event of one message handed to a function directly (a replay, a test), shaped as the
 * event source mapping delivers it: first receive, sent now, by `senderId`.
 */
export function directSqsEvent(
  body: string,
  source: { senderId: string; queueArn: string; region: string },
): SQSEvent {
  const now = String(Date.now());
  return {
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: `${source.senderId}-${randomUUID()}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: now,
          SenderId: source.senderId,
          ApproximateFirstReceiveTimestamp: now,
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: source.queueArn,
        awsRegion: source.region,
      },
    ],
  };
}
