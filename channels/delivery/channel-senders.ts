import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { OptOuts } from '#core/contacts/opt-outs.ts';
import { SendPaces } from '#core/rate-limit/send-paces.ts';
import { DailyStats } from '#core/stats/daily-stats.ts';
import '#core/aws/clients/dynamodb.ts';
import '#core/aws/clients/s3.ts';
import '#core/aws/clients/sqs.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { ChannelMessageStore } from '#core/stores/channel-message-store.ts';

/** What the SMS and email senders share: no SDK retries (theirs), the records table, the outbound DLQ, idempotency. */
export function channelSenderCommon(config: Config, clients: AwsClients) {
  return {
    config,
    noRetry: clients.withoutRetries,
    records: new ChannelMessageStore(clients.documents, config.tables.channelMessages),
    stats: DailyStats.fromConfig(config, clients.documents),
    paces: new SendPaces(config, clients),
    // The contacts' opt-outs: nothing goes to someone who opted out of the channel.
    optOuts: new OptOuts(clients.documents, config.tables.contacts),
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
