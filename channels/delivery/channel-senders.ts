import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { ChannelMessageStore } from '#core/stores/channel-message-store.ts';
import { EmailSender, type EmailSenderDependencies } from '../email/email-sender.ts';
import { SmsSender, type SmsSenderDependencies } from '../sms/sms-sender.ts';

/** What the SMS and email senders share: no SDK retries (theirs), the records table, the outbound DLQ, idempotency. */
function common(config: Config, clients: AwsClients) {
  return {
    config,
    noRetry: clients.withoutRetries,
    records: new ChannelMessageStore(clients.documents, config.tables.channelMessages),
    deadLetters: new DeadLetterQueue(clients.sqs, clients.s3, config.queues.outboundDlq, {
      bucket: config.buckets.general.name,
      prefix: config.buckets.general.deadLetterPrefix,
    }),
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: config.tables.idempotency,
      awsSdkV3Client: clients.dynamoDb,
    }),
  };
}

export function smsSender(
  config: Config,
  clients: AwsClients,
  overrides: Partial<SmsSenderDependencies> = {},
): SmsSender {
  const { noRetry, ...shared } = common(config, clients);
  return new SmsSender({ ...shared, smsVoice: noRetry.smsVoice, ...overrides });
}

export function emailSender(
  config: Config,
  clients: AwsClients,
  overrides: Partial<EmailSenderDependencies> = {},
): EmailSender {
  const { noRetry, ...shared } = common(config, clients);
  return new EmailSender({ ...shared, sesv2: noRetry.sesv2, ...overrides });
}
