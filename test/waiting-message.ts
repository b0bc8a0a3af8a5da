import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import { conversationIdOf } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { newWamid, unixSeconds } from './inbound-helpers.ts';

/**
 * What the inbound function leaves for a customer's text, without the job it would enqueue: the
 * message stored and waiting on its conversation, with its transcript turn. A test then runs the
 * bot on it itself (the local world's bot never hears of it).
 */
export async function waitingMessage(
  world: { config: Config; clients: AwsClients },
  message: {
    number: { metaPhoneNumberId: string; metaWabaId: string };
    waId: string;
    text: string;
    /** A tap on a reply button instead of a text (`text` is then ignored). */
    choice?: { id: string; title: string };
    wamid?: string;
    at?: Date;
    profileName?: string;
  },
): Promise<{ wamid: string; conversation: Conversation }> {
  const { config, clients } = world;
  const wamid = message.wamid ?? newWamid();
  const at = message.at ?? new Date(Date.now() - 10_000);
  const profileName = message.profileName ?? 'Asha';
  await clients.documents.send(
    new PutCommand({
      TableName: config.tables.whatsAppInbound,
      Item: {
        id: wamid,
        conversationId: conversationIdOf(message.number.metaPhoneNumberId, message.waId),
        atMs: at.getTime(),
        timestamp: at.toISOString(),
        timestampUnix: unixSeconds(at),
        from: message.waId,
        profileName,
        ...(message.choice
          ? { type: 'interactive', payload: { type: 'button_reply', buttonReply: message.choice } }
          : { type: 'text', payload: { body: message.text } }),
        phoneNumberId: message.number.metaPhoneNumberId,
        wabaId: message.number.metaWabaId,
        snsMessageId: randomUUID(),
        envelopeMessageId: null,
        receivedAt: at.toISOString(),
        replyState: 'awaiting-reply',
      },
    }),
  );
  const conversation = await new ConversationStore(
    clients.documents,
    config.tables.conversations,
  ).recordInbound({
    businessPhoneNumberId: message.number.metaPhoneNumberId,
    customerWaId: message.waId,
    profileName,
    wamid,
    at: at.toISOString(),
    atMs: at.getTime(),
    awaitsReply: { receivedMs: at.getTime() },
    turn: message.choice
      ? {
          role: 'customer',
          wamid,
          text: `[chose: ${message.choice.title}]`,
          atMs: at.getTime(),
          choiceId: message.choice.id,
        }
      : { role: 'customer', wamid, text: message.text, atMs: at.getTime() },
  });
  return { wamid, conversation };
}
