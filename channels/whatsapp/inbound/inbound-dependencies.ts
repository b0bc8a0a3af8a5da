import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { localInvocationContext } from '#core/lambda/local-invocation-context.ts';
import { logger } from '#core/logger/logger.ts';
import { ContactStore } from '#core/stores/contact-store.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { InboundMessageStore } from '#core/stores/inbound-message-store.ts';
import { OutboundStatusStore } from '#core/stores/outbound-status-store.ts';
import { businessDirectory } from '../business-directory.ts';
import { awaitingReplyRecorder, type CustomerMessageListener } from './customer-message-listener.ts';
import type { InboundDependencies, RecordSummary } from './handle-inbound-event.ts';
import type { InboundRecord } from './inbound-types.ts';

/** A completed record is remembered for the dead-letter queue's retention, so a replay of it is a no-op. */
const rememberCompletedSeconds = 7 * 24 * 60 * 60;

function localIdempotency(): IdempotencyConfig {
  const idempotency = new IdempotencyConfig({
    eventKeyJmesPath: 'snsMessageId',
    expiresAfterSeconds: rememberCompletedSeconds,
  });
  idempotency.registerLambdaContext(localInvocationContext('wecare-inbound-whatsapp'));
  return idempotency;
}

/** The inbound handler's collaborators, built from configuration and the AWS clients. */
export function inboundDependencies(
  config: Config,
  clients: AwsClients,
  overrides: { listener?: CustomerMessageListener; idempotency?: IdempotencyConfig } = {},
): InboundDependencies {
  const conversations = new ConversationStore(clients.documents, config.tables.conversations);
  // Outside Lambda, each handling gets the deployed function's time budget (see localInvocationContext).
  const idempotency = overrides.idempotency ?? localIdempotency();
  const once = makeIdempotent(
    (record: InboundRecord, process: (record: InboundRecord) => Promise<RecordSummary>) => process(record),
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: config.tables.idempotency,
        awsSdkV3Client: clients.dynamoDb,
      }),
      config: idempotency,
    },
  );
  return {
    config,
    directory: businessDirectory(config),
    conversations,
    contacts: new ContactStore(clients.documents, config.tables.contacts),
    inboundMessages: new InboundMessageStore(clients.documents, config.tables.whatsAppInbound),
    outboundStatuses: new OutboundStatusStore(clients.documents, config.tables.whatsAppOutbound),
    socialMessaging: clients.socialMessaging,
    deadLetters: new DeadLetterQueue(clients.sqs, clients.s3, config.queues.whatsAppInboundDlq, {
      bucket: config.buckets.general.name,
      prefix: config.buckets.general.deadLetterPrefix,
    }),
    listener: overrides.listener ?? awaitingReplyRecorder(conversations),
    logger: logger('whatsapp-inbound'),
    once,
  };
}
