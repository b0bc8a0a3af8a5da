import { OptOuts } from '#core/contacts/opt-outs.ts';
import { SendPaces } from '#core/rate-limit/send-paces.ts';
import { DailyStats } from '#core/stats/daily-stats.ts';
import '#core/aws/clients/dynamodb.ts';
import '#core/aws/clients/s3.ts';
import '#core/aws/clients/social-messaging.ts';
import '#core/aws/clients/sqs.ts';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { OutboundMessageStore } from '#core/stores/outbound-message-store.ts';
import { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import { businessDirectory } from '../business-directory.ts';
import { syncedNumberTemplates } from '../templates/number-templates.ts';
import { WhatsAppSender, type WhatsAppSenderDependencies } from './whatsapp-sender.ts';

/** The WhatsApp sender wired to configuration and the AWS clients. */
export function whatsAppSender(
  config: Config,
  clients: AwsClients,
  overrides: Partial<WhatsAppSenderDependencies> = {},
): WhatsAppSender {
  return new WhatsAppSender({
    config,
    directory: businessDirectory(config),
    // The sender retries by itself (to pace and count retries); its EUM client must not retry too.
    socialMessaging: clients.withoutRetries.socialMessaging,
    s3: clients.s3,
    conversations: new ConversationStore(clients.documents, config.tables.conversations),
    replies: new ReplyCoordination(clients.documents, config.tables.conversations),
    outboundMessages: new OutboundMessageStore(clients.documents, config.tables.whatsAppOutbound),
    stats: DailyStats.fromConfig(config, clients.documents),
    deadLetters: new DeadLetterQueue(clients.sqs, clients.s3, config.queues.outboundDlq, {
      bucket: config.buckets.general.name,
      prefix: config.buckets.general.deadLetterPrefix,
    }),
    templates: syncedNumberTemplates(config, clients),
    optOuts: new OptOuts(clients.documents, config.tables.contacts),
    paces: new SendPaces(config, clients),
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: config.tables.idempotency,
      awsSdkV3Client: clients.dynamoDb,
    }),
    ...overrides,
  });
}
