import { randomUUID } from 'node:crypto';
import type { Config } from '#core/config/config-schema.ts';

/**
 * Builds inbound events exactly as production delivers them: Meta's webhook `value`, inside an
 * entry, serialized into an EUM Social envelope, serialized into an SNS notification, inside a
 * Lambda event. The WhatsApp simulator and the tests both use it, so what they send is what AWS
 * sends.
 */
export interface BusinessNumber {
  awsPhoneNumberId: string;
  metaPhoneNumberId: string;
  displayDigits: string;
  awsWabaId: string;
  metaWabaId: string;
}

export function businessNumbers(config: Config): BusinessNumber[] {
  return config.whatsapp.phoneNumbers.map((phone) => {
    const account = config.whatsapp.businessAccounts.find((candidate) => candidate.id === phone.wabaId);
    return {
      awsPhoneNumberId: phone.id,
      metaPhoneNumberId: phone.metaPhoneNumberId,
      displayDigits: phone.displayNumber.replace(/\D/g, ''),
      awsWabaId: phone.wabaId,
      metaWabaId: account?.metaWabaId ?? '',
    };
  });
}

export interface MessagesValue {
  contacts?: unknown[];
  messages?: unknown[];
  statuses?: unknown[];
}

/** Meta's `value` of a `messages` change for one business number. */
export function messagesValue(number: BusinessNumber, content: MessagesValue): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: number.displayDigits, phone_number_id: number.metaPhoneNumberId },
    ...content,
  };
}

/** Meta's webhook entry for one WABA. */
export function webhookEntry(
  metaWabaId: string,
  changes: Array<{ field: string; value: unknown }>,
): Record<string, unknown> {
  return { id: metaWabaId, changes };
}

export interface EnvelopeOptions {
  accountId: string;
  region: string;
  number: BusinessNumber;
  /** The envelope's own id; `null` leaves it out, as some EUM events do. */
  messageId?: string | null;
  timestamp?: string;
}

/** The EUM Social envelope; `entry` goes in as a JSON string unless a string is given. */
export function eumEnvelope(entry: unknown, options: EnvelopeOptions): Record<string, unknown> {
  const arn = (resource: string, id: string) =>
    `arn:aws:social-messaging:${options.region}:${options.accountId}:${resource}/${id}`;
  return {
    context: {
      MetaWabaIds: [
        {
          wabaId: options.number.metaWabaId,
          arn: arn('waba', options.number.awsWabaId.replace(/^waba-/, '')),
        },
      ],
      MetaPhoneNumberIds: [
        {
          metaPhoneNumberId: options.number.metaPhoneNumberId,
          arn: arn('phone-number-id', options.number.awsPhoneNumberId.replace(/^phone-number-id-/, '')),
        },
      ],
    },
    whatsAppWebhookEntry: typeof entry === 'string' ? entry : JSON.stringify(entry),
    aws_account_id: options.accountId,
    message_timestamp: options.timestamp ?? new Date().toISOString(),
    ...(options.messageId === null ? {} : { messageId: options.messageId ?? randomUUID() }),
  };
}

/** One SNS record of a Lambda event; `message` goes in as a JSON string unless a string is given. */
export function snsRecord(
  message: unknown,
  options: { topicArn: string; messageId?: string; timestamp?: string },
): Record<string, unknown> {
  const messageId = options.messageId ?? randomUUID();
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    // One subscription (the inbound Lambda's), so one subscription id.
    EventSubscriptionArn: `${options.topicArn}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
    Sns: {
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: options.topicArn,
      Subject: null,
      Message: typeof message === 'string' ? message : JSON.stringify(message),
      Timestamp: options.timestamp ?? new Date().toISOString(),
      SignatureVersion: '1',
      Signature: 'EXAMPLE',
      SigningCertUrl:
        'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
      UnsubscribeUrl: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${options.topicArn}:${messageId}`,
      MessageAttributes: {},
    },
  };
}

/** The whole Lambda event for one business number's `value`: what EUM Social → SNS → Lambda delivers. */
export function inboundLambdaEvent(
  config: Config,
  number: BusinessNumber,
  content: MessagesValue,
  options: { envelopeMessageId?: string | null; snsMessageId?: string; at?: string } = {},
): { Records: Array<Record<string, unknown>> } {
  const entry = webhookEntry(number.metaWabaId, [
    { field: 'messages', value: messagesValue(number, content) },
  ]);
  const envelope = eumEnvelope(entry, {
    accountId: config.aws.accountId,
    region: config.aws.region,
    number,
    ...(options.envelopeMessageId !== undefined ? { messageId: options.envelopeMessageId } : {}),
    ...(options.at ? { timestamp: options.at } : {}),
  });
  return {
    Records: [
      snsRecord(envelope, {
        topicArn: config.sns.topicArn,
        ...(options.snsMessageId ? { messageId: options.snsMessageId } : {}),
        ...(options.at ? { timestamp: options.at } : {}),
      }),
    ],
  };
}
