import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { latestOfConversation } from './latest-of-conversation.ts';

export type SentBy =
  | { kind: 'bot'; citations?: Array<{ title: string; uri: string; chunkId: string | null }> }
  | { kind: 'agent'; agentId: string }
  | { kind: 'system'; reason: string };

export interface SentMessageRecord {
  wamid: string;
  conversationId: string;
  /** Meta's phone number id of the business number it was sent from. */
  phoneNumberId: string;
  to: string;
  type: string;
  content: unknown;
  replyTo: string | null;
  sentBy: SentBy;
  idempotencyKey: string;
  sentAt: string;
  atMs: number;
  /** The customer messages (wamids) this message answers: a burst, or a late older message, is covered by it. */
  answers?: readonly string[];
}

/**
 * WhatsAppOutboundTable, keyed by wamid. The record is merged into the item (an update, not a
 * put), because a delivery status may have created it first; its status starts at `accepted`
 * unless a status already moved it on.
 */
export class OutboundMessageStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records a message sent; true the first time (a retried record of the same send is false). */
  async recordSent(record: SentMessageRecord): Promise<boolean> {
    const recorded = await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id: record.wamid },
        UpdateExpression: [
          'SET conversationId = :conversation, phoneNumberId = :phone, recipientId = :to, #type = :type, content = :content',
          'replyTo = :replyTo, sentBy = :sentBy, idempotencyKey = :key, sentAt = :sentAt, atMs = :atMs, createdBy = :sender',
          '#status = if_not_exists(#status, :accepted), statusRank = if_not_exists(statusRank, :zero)',
          ...(record.answers?.length ? ['answers = :answers'] : []),
        ].join(', '),
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
        ExpressionAttributeValues: {
          ':conversation': record.conversationId,
          ':phone': record.phoneNumberId,
          ':to': record.to,
          ':type': record.type,
          ':content': record.content,
          ':replyTo': record.replyTo,
          ':sentBy': record.sentBy,
          ':key': record.idempotencyKey,
          ':sentAt': record.sentAt,
          ':atMs': record.atMs,
          ':sender': record.sentBy.kind,
          ':accepted': 'accepted',
          ':zero': 0,
          ...(record.answers?.length ? { ':answers': record.answers } : {}),
        },
        // A status may have made the item first; only a send record carries `sentBy`.
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    return recorded.Attributes?.sentBy === undefined;
  }

  /**
   * The idempotency keys of a conversation's most recent messages: after a crash in the middle of
   * a reply, which of its parts went out (rare; the bot's reservation guards the common path).
   */
  async recentIdempotencyKeys(conversationId: string, limit = 20): Promise<Set<string>> {
    const items = await latestOfConversation(this.documents, this.tableName, conversationId, {
      limit,
      projection: 'idempotencyKey',
    });
    return new Set(items.map((item) => String(item.idempotencyKey ?? '')));
  }
}
