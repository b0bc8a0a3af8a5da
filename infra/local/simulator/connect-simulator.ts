import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { botListener } from '#agent/agent-dependencies.ts';
import type { CustomerMessageListener } from '#channels/whatsapp/inbound/customer-message-listener.ts';
import { inboundDependencies } from '#channels/whatsapp/inbound/inbound-dependencies.ts';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { logger } from '#core/logger/logger.ts';
import { LocalInboundDelivery } from './local-inbound-delivery.ts';
import type { Simulator } from './simulator.ts';

/**
 * Plugs the simulator into the platform running in this process: its events go to the inbound
 * function (through the SNS + Lambda stand-in), and its business-side replies to the real sender.
 */
export function connectSimulator(
  simulator: Simulator,
  config: Config,
  clients: AwsClients,
  options: { listener?: CustomerMessageListener; retryDelaysMs?: readonly number[] } = {},
): LocalInboundDelivery {
  // The bot answers customers on one machine as in AWS: the inbound function hands each message to the router.
  const dependencies = inboundDependencies(config, clients, {
    listener: options.listener ?? botListener(config, clients),
  });
  const deadLetters = new DeadLetterQueue(clients.sqs, clients.s3, config.queues.whatsAppInboundDlq, {
    bucket: config.buckets.general.name,
    prefix: config.buckets.general.deadLetterPrefix,
  });
  const delivery = new LocalInboundDelivery(
    dependencies,
    deadLetters,
    logger('local-sns'),
    options.retryDelaysMs,
  );
  simulator.connect({
    deliver: (event) => delivery.deliver(event),
    sender: whatsAppSender(config, clients),
    ageWindow: async (conversationId, at, atMs) => {
      await clients.documents
        .send(
          new UpdateCommand({
            TableName: config.tables.conversations,
            Key: { id: conversationId },
            UpdateExpression: 'SET lastInboundAt = :at, lastInboundAtMs = :atMs',
            ConditionExpression: 'attribute_exists(id)',
            ExpressionAttributeValues: { ':at': at, ':atMs': atMs },
          }),
        )
        .catch((error: unknown) => {
          // A customer who never wrote has no window to age.
          if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
        });
    },
  });
  return delivery;
}
