import '#core/aws/clients/dynamodb.ts';
import { randomUUID } from 'node:crypto';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { describeInbound, describeOutbound, inboundOrderMs } from '#core/stores/conversation-history.ts';
import { latestOfConversation } from '#core/stores/latest-of-conversation.ts';
import {
  type BusinessNumber,
  eumEnvelope,
  messagesValue,
  webhookEntry,
} from '#infra/local/whatsapp/eum-event-builder.ts';

/** One message of a case's chat, oldest first. */
export interface ChatMessage {
  direction: 'in' | 'out';
  wamid: string;
  text: string | null;
  buttons?: Array<{ title: string }>;
}

/**
 * How a case's customer writes and what the chat holds: locally through the WhatsApp simulator
 * (which publishes to the topic the inbound function is subscribed to, and shows what the
 * customer received); against AWS by publishing EUM Social events to the seed's SNS topic, as
 * EUM does, and reading the chat from the platform's message tables.
 */
export interface CustomerChannel {
  readonly kind: 'simulator' | 'sns-topic';
  say(waId: string, name: string, text: string): Promise<void>;
  chat(waId: string): Promise<ChatMessage[]>;
}

export function simulatorChannel(
  simulatorApi: string,
  number: { phone: string; metaId: string },
): CustomerChannel {
  return {
    kind: 'simulator',
    async say(waId, name, text) {
      const response = await fetch(`${simulatorApi}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ businessPhone: number.phone, from: waId, name, text }),
      });
      if (response.status !== 202)
        throw new Error(`The simulator refused the message: ${response.status} ${await response.text()}`);
    },
    async chat(waId) {
      const response = await fetch(`${simulatorApi}/conversations/${number.metaId}/${waId}`);
      return ((await response.json()) as { messages: ChatMessage[] }).messages;
    },
  };
}

/**
 * The customer as EUM Social delivers them: each turn an EUM event (Meta's webhook entry in its
 * envelope) published to the topic; the chat read from WhatsAppInbound and WhatsAppOutbound. In
 * AWS the customers' numbers are the runner's own (no WhatsApp user has them), so Meta reports
 * the replies undeliverable: the replies are judged as the platform recorded and sent them.
 */
export function topicChannel(
  config: Config,
  clients: Pick<AwsClients, 'documents'>,
  sns: SNSClient,
  number: BusinessNumber,
): CustomerChannel {
  return {
    kind: 'sns-topic',
    async say(waId, name, text) {
      const wamid = `wamid.evals${randomUUID().replace(/-/g, '')}`;
      const entry = webhookEntry(number.metaWabaId, [
        {
          field: 'messages',
          value: messagesValue(number, {
            contacts: [{ profile: { name }, wa_id: waId }],
            messages: [
              {
                from: waId,
                id: wamid,
                timestamp: String(Math.floor(Date.now() / 1000)),
                type: 'text',
                text: { body: text },
              },
            ],
          }),
        },
      ]);
      const envelope = eumEnvelope(entry, {
        accountId: config.aws.accountId,
        region: config.aws.region,
        number,
      });
      await sns.send(
        new PublishCommand({ TopicArn: config.sns.topicArn, Message: JSON.stringify(envelope) }),
      );
    },
    async chat(waId) {
      const conversationId = `${number.metaPhoneNumberId}#${waId}`;
      const [inbound, outbound] = await Promise.all([
        latestOfConversation(clients.documents, config.tables.whatsAppInbound, conversationId, {
          limit: 100,
        }),
        latestOfConversation(clients.documents, config.tables.whatsAppOutbound, conversationId, {
          limit: 100,
        }),
      ]);
      const messages = [
        ...inbound.map((item) => ({
          direction: 'in' as const,
          wamid: String(item.id),
          text: describeInbound(item),
          atMs: inboundOrderMs(item),
        })),
        ...outbound
          .filter((item) => item.content)
          .map((item) => ({
            direction: 'out' as const,
            wamid: String(item.id),
            text: describeOutbound(item),
            buttons: buttonsOf(item.content),
            atMs: Number(item.atMs),
          })),
      ];
      return messages
        .sort((left, right) => left.atMs - right.atMs)
        .map(({ atMs: _atMs, ...message }) => message);
    },
  };
}

function buttonsOf(content: unknown): Array<{ title: string }> {
  const buttons = (content as { buttons?: unknown }).buttons;
  return Array.isArray(buttons)
    ? buttons.map((button) => ({ title: String((button as { title?: unknown }).title ?? '') }))
    : [];
}
