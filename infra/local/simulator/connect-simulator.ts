import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import type { LocalFunctions } from '../functions/local-functions.ts';
import type { Simulator } from './simulator.ts';

/**
 * Plugs the simulator into the platform's functions: what a customer does is published to the SNS
 * topic (the inbound function gets it as in AWS), and a reply typed on the business side is an
 * invocation of the outbound WhatsApp function.
 */
export function connectSimulator(
  simulator: Simulator,
  config: Config,
  clients: AwsClients,
  functions: LocalFunctions,
): void {
  simulator.connect({
    deliver: (event) => functions.publishToTopic(event as SNSEvent),
    sendBusinessMessage: async (request) => {
      const result = await functions.invoke('wecare-outbound-whatsapp', request);
      return result.ok ? { ok: true, wamid: result.wamid } : result;
    },
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
}
