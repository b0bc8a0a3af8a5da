import * as z from 'zod';
import { utf8LengthExceeds } from '#core/safe-json/parse-untrusted-json.ts';
import { inboundLimits } from './inbound-limits.ts';
import { InboundParseError } from './inbound-parse-error.ts';
import { errorFromZod } from './zod-issue.ts';

/**
 * The Lambda event SNS delivers: `Records[]`, each with the notification in `Sns`.
 *
 * @example
 * { "Records": [{ "EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn": "arn:aws:sns:us-east-1:809904170947:base-wecare-digital:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
 *   "Sns": { "Type": "Notification", "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e", "TopicArn": "arn:aws:sns:us-east-1:809904170947:base-wecare-digital",
 *            "Subject": null, "Message": "{\"context\":…}", "Timestamp": "2026-01-18T08:14:05.012Z", … } }] }
 */
const LambdaSnsEvent = z.object({ Records: z.array(z.unknown()).min(1).max(inboundLimits.maxRecords) });

const SnsRecord = z.object({
  EventSource: z.literal('aws:sns', { error: 'must be "aws:sns"' }),
  EventVersion: z.string().max(16).optional(),
  EventSubscriptionArn: z.string().max(2048).optional(),
  Sns: z.object({
    Type: z.string().max(64),
    MessageId: z.string().min(1).max(128),
    TopicArn: z.string().max(2048),
    Subject: z.string().max(1024).nullable().optional(),
    Message: z.string(),
    Timestamp: z.string().max(64),
  }),
});

export interface SnsNotification {
  messageId: string;
  topicArn: string;
  message: string;
}

/** The records of the event, each still unparsed: a bad record must not fail its neighbours. */
export function snsRecordsOf(event: Record<string, unknown>): unknown[] {
  const parsed = LambdaSnsEvent.safeParse(event);
  if (!parsed.success) {
    const error = errorFromZod(parsed.error, 'event', 'event', event);
    throw new InboundParseError('not-sns-event', 'event', `not an SNS Lambda event (${error.message})`);
  }
  return parsed.data.Records;
}

/** One record's notification, refusing anything but a Notification from the business's topic. */
export function snsNotificationOf(record: unknown, index: number, topicArn: string): SnsNotification {
  const prefix = `Records[${index}]`;
  const sns =
    typeof record === 'object' && record !== null ? (record as { Sns?: { Type?: unknown } }).Sns : undefined;
  if (sns && typeof sns === 'object' && sns.Type === 'SubscriptionConfirmation') {
    // Never fetched: confirming a subscription is an operator's decision, not something a message can trigger.
    throw new InboundParseError(
      'subscription-confirmation',
      'sns',
      `${prefix}.Sns is a SubscriptionConfirmation, not a notification; its SubscribeURL is not visited`,
    );
  }
  const parsed = SnsRecord.safeParse(record);
  if (!parsed.success) throw errorFromZod(parsed.error, 'sns', prefix, record);
  const { Sns } = parsed.data;
  if (Sns.Type !== 'Notification')
    throw new InboundParseError(
      'not-notification',
      'sns',
      `${prefix}.Sns.Type is "${Sns.Type}", not "Notification"`,
    );
  if (Sns.TopicArn !== topicArn)
    throw new InboundParseError('unknown-topic', 'sns', `${prefix}.Sns.TopicArn is not the business's topic`);
  if (utf8LengthExceeds(Sns.Message, inboundLimits.maxSnsMessageBytes)) {
    throw new InboundParseError(
      'too-large',
      'sns',
      `${prefix}.Sns.Message is larger than SNS's ${inboundLimits.maxSnsMessageBytes}-byte limit`,
    );
  }
  return { messageId: Sns.MessageId, topicArn: Sns.TopicArn, message: Sns.Message };
}
