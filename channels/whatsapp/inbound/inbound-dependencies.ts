import { DailyStats } from '#core/stats/daily-stats.ts';
import '#core/aws/clients/dynamodb.ts';
import '#core/aws/clients/s3.ts';
import '#core/aws/clients/social-messaging.ts';
import '#core/aws/clients/sqs.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { logger } from '#core/logger/logger.ts';
import { AgentJobQueue } from '#core/queues/agent-jobs.ts';
import { SendPaces } from '#core/rate-limit/send-paces.ts';
import { ContactStore } from '#core/stores/contact-store.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { InboundMessageStore } from '#core/stores/inbound-message-store.ts';
import { OutboundStatusStore } from '#core/stores/outbound-status-store.ts';
import { businessDirectory } from '../business-directory.ts';
import { agentJobDispatcher, type CustomerMessageListener } from './customer-message-listener.ts';
import type { InboundDependencies } from './handle-inbound-event.ts';

/**
 * The inbound function's collaborators, built from configuration and the AWS clients. No
 * idempotency layer around a record: every write it makes is conditional or converges (the message
 * by wamid, the conversation's window forward only, the pending set), and a repeated job is harmless.
 */
export function inboundDependencies(
  config: Config,
  clients: AwsClients,
  overrides: { listener?: CustomerMessageListener } = {},
): InboundDependencies {
  return {
    config,
    directory: businessDirectory(config),
    conversations: new ConversationStore(clients.documents, config.tables.conversations),
    contacts: new ContactStore(clients.documents, config.tables.contacts),
    inboundMessages: new InboundMessageStore(clients.documents, config.tables.whatsAppInbound),
    outboundStatuses: new OutboundStatusStore(clients.documents, config.tables.whatsAppOutbound),
    stats: DailyStats.fromConfig(config, clients.documents),
    // Without the SDK's retries: each attempt takes its slot of the limits first (`pacedCall`).
    socialMessaging: clients.withoutRetries.socialMessaging,
    paces: new SendPaces(config, clients),
    deadLetters: new DeadLetterQueue(clients.sqs, clients.s3, config.queues.whatsAppInboundDlq, {
      bucket: config.buckets.general.name,
      prefix: config.buckets.general.deadLetterPrefix,
    }),
    listener:
      overrides.listener ??
      agentJobDispatcher(new AgentJobQueue(clients.sqs, config.queues.agent), {
        debounceMs: config.agent.debounceMs,
        capMs: config.agent.debounceCapMs,
      }),
    logger: logger('whatsapp-inbound'),
  };
}
